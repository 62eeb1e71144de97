import { readFileSync } from 'node:fs';
import soap from 'soap';
import type { DeliveryServiceSoap, HubEnvelope, HubEnvelopeHeader, HubTrackingInfo } from './hub-envelope.js';
import { HUB_WSDL } from './hub-wsdl.js';

export interface HubClientOptions {
  /** EPHYTO_HUB_URL: the DeliveryService endpoint. */
  url: string;
  /** PEM client certificate and key for the hub's mutual TLS. */
  tls?: { cert: string; key: string; ca?: string };
}

/** The hub's DeliveryService, over the `soap` package's client built from the WSDL. */
export class HubClient {
  private constructor(private readonly soap: DeliveryServiceSoap) {}

  static async connect(options: HubClientOptions): Promise<HubClient> {
    const client = await soap.createClientAsync(HUB_WSDL, { endpoint: options.url });
    if (options.tls)
      client.setSecurity(
        new soap.ClientSSLSecurity(
          Buffer.from(options.tls.key),
          Buffer.from(options.tls.cert),
          options.tls.ca ? Buffer.from(options.tls.ca) : undefined,
        ),
      );
    return new HubClient(client as unknown as DeliveryServiceSoap);
  }

  static fromFiles(url: string, certFile?: string, keyFile?: string): Promise<HubClient> {
    const tls = certFile && keyFile ? { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') } : undefined;
    return HubClient.connect({ url, ...(tls ? { tls } : {}) });
  }

  /** DeliverEnvelope: the hub answers the header with its delivery number (PendingDelivery). */
  async deliver(envelope: HubEnvelope): Promise<HubEnvelopeHeader> {
    const [result] = await this.soap.DeliverEnvelopeAsync({ env: envelope });
    if (!result.DeliverEnvelopeResult?.hubDeliveryNumber) throw new Error('the hub answered DeliverEnvelope without a delivery number');
    return result.DeliverEnvelopeResult;
  }

  async importHeaders(country: string): Promise<HubEnvelopeHeader[]> {
    const [result] = await this.soap.GetImportEnvelopeHeadersAsync({ countryCode: country });
    const headers = result?.GetImportEnvelopeHeadersResult?.EnvelopeHeader;
    return headers === undefined ? [] : Array.isArray(headers) ? headers : [headers];
  }

  async pull(hubDeliveryNumber: string): Promise<HubEnvelope | undefined> {
    const [result] = await this.soap.PULLSingleImportEnvelopeAsync({ hubTrackingNumber: hubDeliveryNumber });
    return result?.PULLSingleImportEnvelopeResult;
  }

  async acknowledge(hubDeliveryNumber: string): Promise<void> {
    await this.soap.AcknowledgeEnvelopeReceiptAsync({ hubTrackingNumber: hubDeliveryNumber });
  }

  async acknowledgeFailed(hubDeliveryNumber: string, reason: string): Promise<void> {
    await this.soap.AcknowledgeFailedEnvelopeReceiptAsync({ hubTrackingNumber: hubDeliveryNumber, message: reason });
  }

  async tracking(hubDeliveryNumber: string): Promise<{ state: HubTrackingInfo; error?: string }> {
    const [result] = await this.soap.GetEnvelopeTrackingInfoAsync({ hubTrackingNumber: hubDeliveryNumber });
    const header = result.GetEnvelopeTrackingInfoResult;
    return {
      state: header?.HUBTrackingInfo ?? 'EnvelopeNotExists',
      ...(header?.hubDeliveryErrorMessage ? { error: header.hubDeliveryErrorMessage } : {}),
    };
  }
}
