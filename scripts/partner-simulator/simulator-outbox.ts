import { randomUUID } from 'node:crypto';
import type { DocumentType } from '../../src/kernel/document-record.js';
import type { BusinessOutcome, EnvelopeDocumentStatus, EnvelopeHeader } from '../../src/partners/messages/envelope.js';
import { writeBusinessResponse, writeEnvelope } from '../../src/partners/messages/envelope-writer.js';
import type { ProfileRegistry } from '../../src/partners/profiles/profile-registry.js';
import type { SigningIdentity } from '../../src/partners/signing/self-signed-certificate.js';
import { signDocument } from '../../src/partners/signing/xml-signature.js';

export interface SimulatorSendOptions {
  type: DocumentType;
  data: Record<string, unknown>;
  messageId?: string;
  conversationId?: string;
  documentStatus?: EnvelopeDocumentStatus;
  sentAt?: Date;
  /** Addressee; the single window's country unless a test wants it wrong. */
  to?: string;
  /** Leave the message unsigned. */
  unsigned?: boolean;
}

export interface BusinessResponseOptions {
  conversationId: string;
  refToMessageId: string;
  documentType: string;
  outcome: BusinessOutcome;
  reason?: string;
  partnerReference?: string;
  messageId?: string;
}

export interface SendResult {
  status: number;
  receiptXml: string;
  xml: string;
}

/** The simulated partner's sending side: builds signed envelopes in its profile and posts them to the single window. */
export class SimulatorOutbox {
  constructor(
    private readonly country: string,
    private readonly profile: string,
    private readonly singleWindow: { country: string; url?: string },
    private readonly identity: SigningIdentity,
    private readonly profiles: ProfileRegistry,
  ) {}

  buildDocument(options: SimulatorSendOptions): { xml: string; header: EnvelopeHeader } {
    const codec = this.profiles.codec(this.profile, options.type);
    if (!codec) throw new Error(`profile ${this.profile} does not carry ${options.type}`);
    const header = this.header(options.type, 'document', options);
    const envelope = writeEnvelope(header, (payload) => codec.encode(options.data, payload));
    return { xml: options.unsigned ? envelope : signDocument(envelope, this.identity.privateKeyPem, this.identity.certificatePem), header };
  }

  async sendDocument(options: SimulatorSendOptions): Promise<SendResult> {
    return this.post(this.buildDocument(options).xml);
  }

  buildBusinessResponse(options: BusinessResponseOptions): { xml: string; header: EnvelopeHeader } {
    const header = {
      ...this.header(options.documentType as DocumentType, 'business-response', options),
      refToMessageId: options.refToMessageId,
    };
    const response = {
      outcome: options.outcome,
      ...(options.reason ? { reason: options.reason } : {}),
      ...(options.partnerReference ? { partnerReference: options.partnerReference } : {}),
    };
    const envelope = writeEnvelope(header, (payload) => writeBusinessResponse(response, payload));
    return { xml: signDocument(envelope, this.identity.privateKeyPem, this.identity.certificatePem), header };
  }

  async sendBusinessResponse(options: BusinessResponseOptions): Promise<SendResult> {
    return this.post(this.buildBusinessResponse(options).xml);
  }

  async post(xml: string): Promise<SendResult> {
    if (!this.singleWindow.url) throw new Error('the simulator was started without the single window URL');
    const response = await fetch(`${this.singleWindow.url}/api/v1/partners/${this.country}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: xml,
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, receiptXml: await response.text(), xml };
  }

  private header(
    documentType: DocumentType,
    kind: EnvelopeHeader['kind'],
    options: { messageId?: string; conversationId?: string; documentStatus?: EnvelopeDocumentStatus; sentAt?: Date; to?: string },
  ): EnvelopeHeader {
    return {
      messageId: options.messageId ?? randomUUID(),
      conversationId: options.conversationId ?? randomUUID(),
      from: this.country,
      to: options.to ?? this.singleWindow.country,
      profile: this.profile,
      kind,
      documentType,
      documentStatus: options.documentStatus ?? 'original',
      sentAt: options.sentAt ?? new Date(),
    };
  }
}
