import type { TradeDocument } from '../../kernel/document-record.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { XmlLimits } from '../../xml/safe-xml-parser.js';
import type { PartnerDirectory } from '../directory/partner-directory.js';
import { retryDelayMs, type Partner } from '../directory/partner.js';
import { writeEnvelope } from '../messages/envelope-writer.js';
import type { PartnerSchemas } from '../partner-schemas.js';
import type { PayloadCodec } from '../profiles/partner-profile.js';
import type { ProfileRegistry } from '../profiles/profile-registry.js';
import { digestOf } from '../messages/receipt-issuer.js';
import type { SigningIdentity } from '../signing/self-signed-certificate.js';
import { signDocument } from '../signing/xml-signature.js';
import type { ExchangeRecorder } from './exchange-recorder.js';
import {
  FINAL_TRANSPORT_STATUSES,
  exchangesOf,
  step,
  waitingForRetry,
  type PartnerExchange,
  type TransportStatus,
} from './partner-exchange.js';
import type { PartnerSendJob } from './partner-transition-hook.js';
import type { PartnerTransport } from './partner-transport.js';
import { judge, type Verdict } from './receipt-verdict.js';

export interface DeliveryOptions {
  ownCountry: string;
  httpTimeoutMs: number;
  limits: XmlLimits;
}

/** A job that can never succeed (unknown document or exchange): its message goes to the dead-letter queue. */
export class UndeliverableJobError extends Error {}

export const SENDABLE: readonly TransportStatus[] = ['READY_TO_SEND', 'SENDING', 'WAITING_FOR_RECEIPT', 'WAITING_FOR_RETRY'];

/**
 * The partner-gateway's use case for one queued exchange: encode with the
 * partner's profile, wrap, sign, POST, verify the signed receipt, and record each
 * step as the exchange's transport status. Returns the delay before the next
 * attempt when the send should be retried.
 */
export class PartnerDelivery {
  constructor(
    private readonly documents: { get(id: string): Promise<TradeDocument | undefined> },
    private readonly exchanges: ExchangeRecorder,
    private readonly directory: PartnerDirectory,
    private readonly profiles: ProfileRegistry,
    private readonly schemas: PartnerSchemas,
    private readonly identity: SigningIdentity,
    private readonly transport: PartnerTransport,
    private readonly options: DeliveryOptions,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async deliver(job: PartnerSendJob): Promise<{ retryInMs?: number; status?: TransportStatus }> {
    const document = await this.documents.get(job.documentId);
    const exchange = document && exchangesOf(document).find((candidate) => candidate.conversationId === job.conversationId);
    if (!document || !exchange) throw new UndeliverableJobError(`no exchange ${job.conversationId} on document ${job.documentId}`);
    if (!SENDABLE.includes(exchange.transportStatus)) return { status: exchange.transportStatus };
    // A copy of a job whose retry is already scheduled: the scheduled one will send.
    if (exchange.nextAttemptAt && new Date(exchange.nextAttemptAt).getTime() - this.now().getTime() > 1000)
      return { status: exchange.transportStatus };

    const partner = this.directory.find(exchange.country);
    const codec = partner && this.profiles.codec(partner.profile, document.type);
    if (!partner?.enabled || !partner.certificate || !codec) {
      const reason = !partner?.enabled
        ? `${exchange.country} is not an active partner`
        : !partner.certificate
          ? `${exchange.country} has no registered certificate`
          : `profile ${partner.profile} does not carry ${document.type}`;
      return { status: await this.finish(job, { kind: 'failed', code: 'PARTNER_UNAVAILABLE', reason }) };
    }
    const xml = this.sign(document, exchange, partner, codec);
    const attempt = exchange.attempts + 1;
    const sending = await this.record(job, (current, now) =>
      SENDABLE.includes(current.transportStatus)
        ? step(
            { ...current, attempts: attempt, sentDigests: [...current.sentDigests, digestOf(xml)].slice(-20), nextAttemptAt: undefined },
            'SENDING',
            now,
          )
        : undefined,
    );
    if (!sending) return {};

    // The receipt comes back on the same request; the status says so while it is awaited.
    const [outcome] = await Promise.all([
      this.transport.post(partner.gatewayUrl, xml, this.options.httpTimeoutMs),
      this.record(job, (current, now) => (current.transportStatus === 'SENDING' ? step(current, 'WAITING_FOR_RECEIPT', now) : undefined)),
    ]);
    const verdict = judge(outcome, sending, partner, this.options.ownCountry, this.schemas, this.options.limits);
    if (verdict.kind === 'transient' && attempt < partner.retryPolicy.maxAttempts) {
      const retryInMs = retryDelayMs(partner.retryPolicy, attempt);
      await this.record(job, (current, now) => waitingForRetry(current, now, retryInMs, verdict.reason));
      this.logger.warn('partner send failed; will retry', {
        partner: partner.country,
        messageId: exchange.messageId,
        attempt,
        retryInMs,
        reason: verdict.reason,
      });
      return { retryInMs, status: 'WAITING_FOR_RETRY' };
    }
    const final: Verdict =
      verdict.kind === 'transient'
        ? { kind: 'failed', code: 'RETRIES_EXHAUSTED', reason: `gave up after ${attempt} attempts: ${verdict.reason}` }
        : verdict;
    return { status: await this.finish(job, final) };
  }

  private sign(document: TradeDocument, exchange: PartnerExchange, partner: Partner, codec: PayloadCodec): string {
    const envelope = writeEnvelope(
      {
        messageId: exchange.messageId,
        conversationId: exchange.conversationId,
        from: this.options.ownCountry,
        to: partner.country,
        profile: partner.profile,
        kind: 'document',
        documentType: document.type,
        documentStatus: exchange.documentStatus,
        sentAt: this.now(),
      },
      (payload) => codec.encode(document.data, payload),
    );
    return signDocument(envelope, this.identity.privateKeyPem, this.identity.certificatePem);
  }

  private async finish(job: PartnerSendJob, verdict: Exclude<Verdict, { kind: 'transient' }>): Promise<TransportStatus> {
    const status: TransportStatus =
      verdict.kind === 'failed'
        ? 'SEND_FAILURE'
        : verdict.receipt.deliveryStatus === 'DeliveredWithWarnings'
          ? 'ACKNOWLEDGED_WITH_WARNING'
          : 'ACKNOWLEDGED';
    await this.record(job, (current, now) => {
      if (FINAL_TRANSPORT_STATUSES.includes(current.transportStatus)) return undefined;
      const receipt = verdict.receipt && {
        receiptId: verdict.receipt.receiptId,
        deliveryStatus: verdict.receipt.deliveryStatus,
        issuedAt: verdict.receipt.issuedAt,
        receivedAt: now,
        ...(verdict.receipt.reason ? { reason: verdict.receipt.reason } : {}),
        ...(verdict.receipt.warnings ? { warnings: verdict.receipt.warnings } : {}),
      };
      const failure = verdict.kind === 'failed' ? { code: verdict.code, reason: verdict.reason } : undefined;
      return step(
        { ...current, ...(receipt ? { receipt } : {}), ...(failure ? { failure } : {}), nextAttemptAt: undefined },
        status,
        now,
        failure?.reason,
      );
    });
    const log = status === 'SEND_FAILURE' ? this.logger.warn.bind(this.logger) : this.logger.info.bind(this.logger);
    log('partner send finished', {
      partner: job.country,
      documentId: job.documentId,
      status,
      ...(verdict.kind === 'failed' ? { code: verdict.code, reason: verdict.reason } : {}),
    });
    return status;
  }

  private record(
    job: PartnerSendJob,
    update: (exchange: PartnerExchange, now: Date) => PartnerExchange | undefined,
  ): Promise<PartnerExchange | undefined> {
    return this.exchanges.update(job.documentId, job.conversationId, 'system', update);
  }
}
