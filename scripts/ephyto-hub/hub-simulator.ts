import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import soap from 'soap';
import type { HubEnvelope, HubEnvelopeHeader, HubTrackingInfo } from '../../src/partners/ephyto-hub/hub-envelope.js';
import { HUB_PORT, HUB_SERVICE, HUB_WSDL } from '../../src/partners/ephyto-hub/hub-wsdl.js';

/** normal; down (503 before SOAP); fail-deliveries (tracking ends FailedDelivery); malformed (pulled content is not XML). */
export type HubMode = 'normal' | 'down' | 'fail-deliveries' | 'malformed';

interface Held extends HubEnvelope {
  hubDeliveryNumber: string;
  HUBTrackingInfo: HubTrackingInfo;
  acknowledged?: 'ok' | 'failed';
  failureReason?: string;
}

export interface HubSimulator {
  url: string;
  setMode(mode: HubMode, failureReason?: string): Promise<void>;
  /** An envelope from a foreign NPPO, waiting for `to` to pull it. */
  inject(envelope: HubEnvelope): string;
  envelope(hubDeliveryNumber: string): Held | undefined;
  /** Everything held, per destination country. */
  held(country: string): Held[];
  stop(): Promise<void>;
}

/** The IPPC ePhyto hub on loopback, built from the same WSDL as the client: store-and-forward per country, with tracking. */
export async function startHubSimulator(port = 0): Promise<HubSimulator> {
  const envelopes = new Map<string, Held>();
  let mode: HubMode = 'normal';
  let reason = 'The importing NPPO refused the certificate';
  let sequence = 0;
  const headerOf = ({ Content: _content, acknowledged: _a, failureReason: _f, ...header }: Held): HubEnvelopeHeader => header;
  const hold = (envelope: HubEnvelope, state: HubTrackingInfo): Held => {
    sequence += 1;
    const held: Held = { ...envelope, hubDeliveryNumber: `HUB-${String(sequence).padStart(8, '0')}`, HUBTrackingInfo: state };
    envelopes.set(held.hubDeliveryNumber, held);
    return held;
  };
  const find = (number: string): Held => {
    const held = envelopes.get(number);
    if (!held) throw { Fault: { faultcode: 'soap:Client', faultstring: `No envelope ${number}` } };
    return held;
  };
  const service = {
    [HUB_SERVICE]: {
      [HUB_PORT]: {
        DeliverEnvelope({ env }: { env: HubEnvelope }) {
          // The destination NPPO pulls and acknowledges in reality; here delivery settles at once, or fails when told to.
          const held = hold(env, 'PendingDelivery');
          if (mode === 'fail-deliveries') Object.assign(held, { HUBTrackingInfo: 'FailedDelivery', hubDeliveryErrorMessage: reason });
          else held.HUBTrackingInfo = 'Delivered';
          return { DeliverEnvelopeResult: { ...headerOf(held), HUBTrackingInfo: 'PendingDelivery' } };
        },
        GetImportEnvelopeHeaders({ countryCode }: { countryCode: string }) {
          const waiting = [...envelopes.values()].filter((held) => held.To === countryCode && !held.acknowledged);
          return { GetImportEnvelopeHeadersResult: { EnvelopeHeader: waiting.map(headerOf) } };
        },
        PULLSingleImportEnvelope({ hubTrackingNumber }: { hubTrackingNumber: string }) {
          const held = find(hubTrackingNumber);
          const content =
            mode === 'malformed'
              ? '<rsm:SPSCertificate xmlns:rsm="urn:un:unece:uncefact:data:standard:SPSCertificate:17"><broken>'
              : held.Content;
          return { PULLSingleImportEnvelopeResult: { ...headerOf(held), Content: content } };
        },
        AcknowledgeEnvelopeReceipt({ hubTrackingNumber }: { hubTrackingNumber: string }) {
          Object.assign(find(hubTrackingNumber), { acknowledged: 'ok', HUBTrackingInfo: 'Delivered' });
          return {};
        },
        AcknowledgeFailedEnvelopeReceipt({ hubTrackingNumber, message }: { hubTrackingNumber: string; message: string }) {
          Object.assign(find(hubTrackingNumber), {
            acknowledged: 'failed',
            failureReason: message,
            HUBTrackingInfo: 'FailedDelivery',
            hubDeliveryErrorMessage: message,
          });
          return { return: 'OK' };
        },
        GetEnvelopeTrackingInfo({ hubTrackingNumber }: { hubTrackingNumber: string }) {
          const held = envelopes.get(hubTrackingNumber);
          return {
            GetEnvelopeTrackingInfoResult: held
              ? headerOf(held)
              : {
                  From: '',
                  To: '',
                  CertificateType: 0,
                  CertificateStatus: 0,
                  NPPOCertificateNumber: '',
                  HUBTrackingInfo: 'EnvelopeNotExists',
                },
          };
        },
        DeliverCountryResponseEnvelope({ CountryResponseEnvelope }: { CountryResponseEnvelope: HubEnvelope }) {
          const held = hold(CountryResponseEnvelope, 'Delivered');
          return { DeliverCountryResponseEnvelopeResult: headerOf(held) };
        },
      },
    },
  };
  const server = http.createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  soap.listen(server, '/hub/DeliveryService', service, readFileSync(HUB_WSDL, 'utf8'));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/hub/DeliveryService`,
    // Down is really down: the port stops listening (connection refused), and listens again after.
    async setMode(next, failureReason) {
      if (failureReason) reason = failureReason;
      const wasDown = mode === 'down';
      mode = next;
      if (next === 'down' && !wasDown) await new Promise<void>((resolve) => server.close(() => resolve()));
      if (next !== 'down' && wasDown) await new Promise<void>((resolve) => server.listen(address.port, '127.0.0.1', resolve));
    },
    inject: (envelope) => hold(envelope, 'PendingDelivery').hubDeliveryNumber,
    envelope: (number) => envelopes.get(number),
    held: (country) => [...envelopes.values()].filter((held) => held.To === country),
    stop: () => new Promise<void>((resolve) => (mode === 'down' ? resolve() : server.close(() => resolve()))),
  };
}
