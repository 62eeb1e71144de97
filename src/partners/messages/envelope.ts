import type { DocumentType } from '../../kernel/document-record.js';

/** Namespace of the envelope, the business response and the receipt. */
export const PARTNER_NAMESPACE = 'urn:single-window:partner-exchange:1';
export const ENVELOPE_ROOT = 'PartnerMessage';

export const MESSAGE_KINDS = ['document', 'business-response'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** As in the ePhyto hub's envelope: a first issue, a replacement of it, or its withdrawal. */
export const ENVELOPE_DOCUMENT_STATUSES = ['original', 'replacement', 'withdrawal'] as const;
export type EnvelopeDocumentStatus = (typeof ENVELOPE_DOCUMENT_STATUSES)[number];

export interface EnvelopeHeader {
  messageId: string;
  /** Ties a document, its receipt and the partner's later business responses together. */
  conversationId: string;
  from: string;
  to: string;
  profile: string;
  kind: MessageKind;
  documentType: DocumentType;
  documentStatus: EnvelopeDocumentStatus;
  sentAt: Date;
  /** For a business response: the message it answers. */
  refToMessageId?: string;
}

export const BUSINESS_OUTCOMES = ['ACCEPTED', 'REJECTED', 'QUERY'] as const;
export type BusinessOutcome = (typeof BUSINESS_OUTCOMES)[number];

/** A partner's decision on a document it received earlier, sent as a message of its own. */
export interface BusinessResponse {
  outcome: BusinessOutcome;
  /** The partner's own reference for the document (e.g. its customs declaration number). */
  partnerReference?: string;
  reason?: string;
}

/** An envelope read from verified, schema-checked XML. */
export interface ReadEnvelope {
  header: EnvelopeHeader;
  /** Local name of the payload element. */
  payloadRoot: string;
  /** The payload element as the untrusted-XML parser reads it. */
  payload: unknown;
}
