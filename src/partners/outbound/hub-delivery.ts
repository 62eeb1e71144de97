import type { TradeDocument } from '../../kernel/document-record.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { PartnerDirectory } from '../directory/partner-directory.js';
import { retryDelayMs } from '../directory/partner.js';
import type { HubClient } from '../ephyto-hub/hub-client.js';
import type { HubTrackingInfo } from '../ephyto-hub/hub-envelope.js';
import { hubFailureOf } from '../ephyto-hub/hub-failure.js';
import { transportStatusOf } from '../ephyto-hub/hub-tracking-status.js';
import { digestOf } from '../messages/receipt-issuer.js';
import type { ExchangeRecorder } from './exchange-recorder.js';
import { SENDABLE, UndeliverableJobError } from './partner-delivery.js';
import {
  FINAL_TRANSPORT_STATUSES,
  exchangesOf,
  step,
  waitingForRetry,
  type PartnerExchange,
  type TransportStatus,
} from './partner-exchange.js';
import type { PartnerSendJob } from './partner-transition-hook.js';

/** Writes a canonical phytosanitary certificate as a D17A-valid SPSCertificate (the ephyto feature's writer). */
export interface SpsWriter {
  write(data: Record<string, unknown>): string;
}

export interface HubDeliveryOptions {
  /** This country's NPPO code: the envelope's From. */
  nppoCode: string;
  /** How long to wait before asking the hub again about a delivery still pending. */
  trackingIntervalMs: number;
}

type Outcome = { retryInMs?: number; status?: TransportStatus };

const PHYTOSANITARY_CERTIFICATE = 851;
const ISSUED = 70;

/**
 * The partner-gateway's use case for an exchange whose partner takes the ePhyto
 * hub: DeliverEnvelope with the SPSCertificate, then GetEnvelopeTrackingInfo
 * until the hub's state is final. The hub's delivery number is stored before
 * anything else happens, so a crash after delivering tracks instead of
 * delivering twice.
 */
export class HubDelivery {
  constructor(
    private readonly documents: { get(id: string): Promise<TradeDocument | undefined> },
    private readonly exchanges: ExchangeRecorder,
    private readonly directory: PartnerDirectory,
    private readonly hub: (() => Promise<HubClient>) | undefined,
    private readonly writer: SpsWriter,
    private readonly options: HubDeliveryOptions,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async deliver(job: PartnerSendJob): Promise<Outcome> {
    const document = await this.documents.get(job.documentId);
    const exchange = document && exchangesOf(document).find((candidate) => candidate.conversationId === job.conversationId);
    if (!document || !exchange) throw new UndeliverableJobError(`no exchange ${job.conversationId} on document ${job.documentId}`);
    if (!SENDABLE.includes(exchange.transportStatus)) return { status: exchange.transportStatus };
    if (exchange.nextAttemptAt && new Date(exchange.nextAttemptAt).getTime() - this.now().getTime() > 1000)
      return { status: exchange.transportStatus };
    const partner = this.directory.find(exchange.country);
    if (!partner?.enabled || !this.hub) {
      const reason = !partner?.enabled ? `${exchange.country} is not an active partner` : 'no ePhyto hub is configured (EPHYTO_HUB_URL)';
      return { status: await this.fail(job, 'PARTNER_UNAVAILABLE', reason) };
    }
    if (exchange.hub) return this.track(job, exchange.hub.deliveryNumber);

    let content: string;
    try {
      content = this.writer.write(document.data);
    } catch (error) {
      return { status: await this.fail(job, 'INVALID_CERTIFICATE', (error as Error).message) };
    }
    const attempt = exchange.attempts + 1;
    const sending = await this.record(job, (current, now) =>
      SENDABLE.includes(current.transportStatus) && !current.hub
        ? step(
            {
              ...current,
              attempts: attempt,
              sentDigests: [...current.sentDigests, digestOf(content)].slice(-20),
              nextAttemptAt: undefined,
            },
            'SENDING',
            now,
          )
        : undefined,
    );
    if (!sending) return {};
    const data = document.data as { certificateNumber?: string; statusCode?: string };
    try {
      const client = await this.hub();
      const header = await client.deliver({
        From: this.options.nppoCode,
        To: partner.country,
        CertificateType: PHYTOSANITARY_CERTIFICATE,
        // Replacement and withdrawal are the certificate's own StatusCode, which the hub's header repeats.
        CertificateStatus: Number(data.statusCode ?? ISSUED),
        NPPOCertificateNumber: String(data.certificateNumber ?? ''),
        Content: content,
      });
      const deliveryNumber = header.hubDeliveryNumber!;
      await this.record(job, (current, now) =>
        current.transportStatus === 'SENDING'
          ? step(
              { ...current, hub: { deliveryNumber, trackingInfo: header.HUBTrackingInfo ?? 'PendingDelivery' } },
              'WAITING_FOR_RECEIPT',
              now,
            )
          : undefined,
      );
      return this.track(job, deliveryNumber);
    } catch (error) {
      const failure = hubFailureOf(error);
      if (!failure.transient) return { status: await this.fail(job, 'REFUSED_BY_HUB', failure.reason) };
      if (attempt >= partner.retryPolicy.maxAttempts)
        return { status: await this.fail(job, 'RETRIES_EXHAUSTED', `gave up after ${attempt} attempts: ${failure.reason}`) };
      const retryInMs = retryDelayMs(partner.retryPolicy, attempt);
      await this.record(job, (current, now) => waitingForRetry(current, now, retryInMs, failure.reason));
      this.logger.warn('hub delivery failed; will retry', {
        partner: partner.country,
        documentId: job.documentId,
        attempt,
        retryInMs,
        reason: failure.reason,
      });
      return { retryInMs, status: 'WAITING_FOR_RETRY' };
    }
  }

  /** Asks the hub where the delivery stands; a pending one is asked about again after the tracking interval. */
  private async track(job: PartnerSendJob, deliveryNumber: string): Promise<Outcome> {
    let state: HubTrackingInfo;
    let errorMessage: string | undefined;
    try {
      ({ state, error: errorMessage } = await (await this.hub!()).tracking(deliveryNumber));
    } catch (error) {
      // The certificate is with the hub already: only the question failed, so ask again later.
      this.logger.warn('hub tracking failed; will ask again', {
        documentId: job.documentId,
        deliveryNumber,
        reason: hubFailureOf(error).reason,
      });
      return this.later(job, deliveryNumber, undefined);
    }
    const status = transportStatusOf(state);
    if (status === 'WAITING_FOR_RECEIPT') return this.later(job, deliveryNumber, state);
    await this.record(job, (current, now) => {
      if (FINAL_TRANSPORT_STATUSES.includes(current.transportStatus)) return undefined;
      const hub = { deliveryNumber, trackingInfo: state, ...(errorMessage ? { errorMessage } : {}) };
      const failure = status === 'SEND_FAILURE' ? { code: state, reason: errorMessage ?? `the hub's tracking says ${state}` } : undefined;
      return step({ ...current, hub, ...(failure ? { failure } : {}), nextAttemptAt: undefined }, status, now, failure?.reason);
    });
    this.logger.info('hub delivery finished', { partner: job.country, documentId: job.documentId, deliveryNumber, state, status });
    return { status };
  }

  private async later(job: PartnerSendJob, deliveryNumber: string, state: HubTrackingInfo | undefined): Promise<Outcome> {
    const retryInMs = this.options.trackingIntervalMs;
    // No history step: a pending delivery asked about every interval would fill it with the same status.
    await this.record(job, (current, now) =>
      current.transportStatus === 'WAITING_FOR_RECEIPT'
        ? {
            ...current,
            hub: { deliveryNumber, trackingInfo: state ?? current.hub?.trackingInfo ?? 'PendingDelivery' },
            nextAttemptAt: new Date(now.getTime() + retryInMs),
            updatedAt: now,
          }
        : undefined,
    );
    return { retryInMs, status: 'WAITING_FOR_RECEIPT' };
  }

  private async fail(job: PartnerSendJob, code: string, reason: string): Promise<TransportStatus> {
    await this.record(job, (current, now) =>
      FINAL_TRANSPORT_STATUSES.includes(current.transportStatus)
        ? undefined
        : step({ ...current, failure: { code, reason }, nextAttemptAt: undefined }, 'SEND_FAILURE', now, reason),
    );
    this.logger.warn('hub delivery failed', { partner: job.country, documentId: job.documentId, code, reason });
    return 'SEND_FAILURE';
  }

  private record(
    job: PartnerSendJob,
    update: (exchange: PartnerExchange, now: Date) => PartnerExchange | undefined,
  ): Promise<PartnerExchange | undefined> {
    return this.exchanges.update(job.documentId, job.conversationId, 'system', update);
  }
}
