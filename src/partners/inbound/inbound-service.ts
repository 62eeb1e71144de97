import { randomUUID } from 'node:crypto';
import type { Logger } from '../../platform/logging/logger.js';
import type { XmlLimits } from '../../xml/safe-xml-parser.js';
import type { Partner } from '../directory/partner.js';
import { readBusinessResponse } from '../messages/envelope-reader.js';
import type { ReadEnvelope } from '../messages/envelope.js';
import type { PartnerDocumentFinder } from '../outbound/partner-document-finder.js';
import type { PartnerSchemas } from '../partner-schemas.js';
import type { ProfileRegistry } from '../profiles/profile-registry.js';
import { digestOf, issueReceipt } from '../messages/receipt-issuer.js';
import type { SigningIdentity } from '../signing/self-signed-certificate.js';
import type { InboundDocumentIntake } from './inbound-document-intake.js';
import type { InboundMessage } from './inbound-message.js';
import type { InboundMessageStore } from './inbound-message-store.js';
import { REFUSAL_STATUS, type InboundOutcome } from './inbound-outcome.js';
import { InboundVerifier } from './inbound-verifier.js';
import { PartnerMessageError } from '../messages/partner-message-error.js';

export interface InboundOptions {
  ownCountry: string;
  replayWindowMs: number;
  clockSkewMs: number;
  limits: XmlLimits;
}

/**
 * `POST /api/v1/partners/{country}/messages`: verify, drop duplicates, check
 * the payload, store, and answer with a signed receipt. Routing the document
 * (or applying a business response) happens after the answer, from the stored
 * message (InboundProcessor), so nothing accepted depends on that work.
 */
export class InboundService {
  constructor(
    private readonly verifier: InboundVerifier,
    private readonly profiles: ProfileRegistry,
    private readonly schemas: PartnerSchemas,
    private readonly store: InboundMessageStore,
    private readonly finder: PartnerDocumentFinder,
    private readonly intake: InboundDocumentIntake,
    private readonly identity: SigningIdentity,
    private readonly options: InboundOptions,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async receive(country: string, body: string): Promise<InboundOutcome> {
    const digest = digestOf(body);
    try {
      const { partner, envelope } = this.verifier.verify(country, body);
      const stored = await this.store.find(country, envelope.header.messageId);
      if (stored) return { status: 200, receiptXml: stored.receiptXml, result: 'duplicate' };
      this.checkFreshness(envelope);
      const content = await this.readPayload(partner, envelope);
      const warnings =
        envelope.header.documentStatus === 'original'
          ? []
          : [`a ${envelope.header.documentStatus} is recorded as a new document for the agencies to reconcile`];
      const deliveryStatus = warnings.length > 0 ? 'DeliveredWithWarnings' : 'Delivered';
      const { xml } = issueReceipt(
        {
          refToMessageId: envelope.header.messageId,
          from: this.options.ownCountry,
          to: country,
          receivedDigest: digest,
          deliveryStatus,
          warnings,
        },
        this.identity,
        this.now(),
      );
      const message = this.record(envelope, body, digest, xml, deliveryStatus, content);
      const existing = await this.store.insert(message);
      if (existing) return { status: 200, receiptXml: existing.receiptXml, result: 'duplicate' };
      return { status: 200, receiptXml: xml, result: 'accepted', storedId: message.id };
    } catch (error) {
      if (!(error instanceof PartnerMessageError)) throw error;
      this.logger.warn('partner message refused', { partner: country, reason: error.reason, detail: error.message });
      const text = [error.message, ...error.details.slice(0, 20)].join('; ');
      const refToMessageId = InboundVerifier.claimedMessageId(body, this.options.limits);
      const { xml } = issueReceipt(
        {
          ...(refToMessageId ? { refToMessageId } : {}),
          from: this.options.ownCountry,
          to: country,
          receivedDigest: digest,
          deliveryStatus: 'FailedDelivery',
          reason: { code: error.reason, text },
        },
        this.identity,
        this.now(),
      );
      return { status: REFUSAL_STATUS[error.reason], receiptXml: xml, result: 'refused', reason: error.reason };
    }
  }

  private checkFreshness({ header }: ReadEnvelope): void {
    const age = this.now().getTime() - header.sentAt.getTime();
    if (age > this.options.replayWindowMs)
      throw new PartnerMessageError(
        'EXPIRED',
        `the message was sent at ${header.sentAt.toISOString()}, outside the ${this.options.replayWindowMs / 1000} s window`,
      );
    if (-age > this.options.clockSkewMs)
      throw new PartnerMessageError('EXPIRED', `the message is dated ${header.sentAt.toISOString()}, in the future`);
  }

  private async readPayload(
    partner: Partner,
    { header, payloadRoot, payload }: ReadEnvelope,
  ): Promise<Pick<InboundMessage, 'data' | 'businessResponse'>> {
    if (header.profile !== partner.profile)
      throw new PartnerMessageError('INVALID_MESSAGE', `${partner.country} exchanges profile ${partner.profile}, not ${header.profile}`);
    if (header.kind === 'business-response') {
      if (!(await this.finder.byConversation(partner.country, header.conversationId))) {
        throw new PartnerMessageError(
          'UNKNOWN_CONVERSATION',
          `no document was sent to ${partner.country} in conversation ${header.conversationId}`,
        );
      }
      return { businessResponse: readBusinessResponse(payload) };
    }
    const codec = this.profiles.codec(partner.profile, header.documentType);
    if (!codec || !partner.sends.includes(header.documentType)) {
      throw new PartnerMessageError('UNSUPPORTED_DOCUMENT_TYPE', `${partner.country} is not registered to send ${header.documentType}`);
    }
    if (codec.root !== payloadRoot)
      throw new PartnerMessageError('INVALID_MESSAGE', `a ${header.documentType} payload is a ${codec.root} element, not ${payloadRoot}`);
    const problems = this.schemas.checkPayload(partner.profile, payloadRoot, payload);
    if (problems.length > 0)
      throw new PartnerMessageError(
        'INVALID_MESSAGE',
        `the ${payloadRoot} payload does not match the ${partner.profile} profile schema`,
        problems,
      );
    const data = codec.decode(payload);
    const issues = await this.intake.check(header.documentType, data);
    if (issues.length > 0) {
      throw new PartnerMessageError(
        'INVALID_MESSAGE',
        `the ${header.documentType} is not acceptable`,
        issues.map((issue) => `${issue.pointer || '/'}: ${issue.message}`),
      );
    }
    return { data };
  }

  private record(
    envelope: ReadEnvelope,
    body: string,
    digest: string,
    receiptXml: string,
    deliveryStatus: InboundMessage['deliveryStatus'],
    content: Pick<InboundMessage, 'data' | 'businessResponse'>,
  ): InboundMessage {
    const { header } = envelope;
    const now = this.now();
    return {
      id: randomUUID(),
      from: header.from,
      messageId: header.messageId,
      conversationId: header.conversationId,
      ...(header.refToMessageId ? { refToMessageId: header.refToMessageId } : {}),
      kind: header.kind,
      profile: header.profile,
      documentType: header.documentType,
      documentStatus: header.documentStatus,
      sentAt: header.sentAt,
      receivedAt: now,
      digest,
      body,
      receiptXml,
      deliveryStatus,
      ...content,
      state: 'RECEIVED',
      attempts: 0,
      leaseUntil: now,
    };
  }
}
