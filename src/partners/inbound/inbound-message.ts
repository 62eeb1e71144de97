import type { DocumentType } from '../../kernel/document-record.js';
import type { BusinessResponse, EnvelopeDocumentStatus, MessageKind } from '../messages/envelope.js';
import type { DeliveryStatus } from '../messages/receipt.js';

/**
 * An accepted inbound partner message, stored before its receipt is sent. The
 * pair (from, messageId) is unique: a duplicate finds this record and gets the
 * same receipt. `state` follows the processing done after answering (routing the
 * document, or applying a business response).
 */
export interface InboundMessage {
  id: string;
  from: string;
  messageId: string;
  conversationId: string;
  refToMessageId?: string;
  kind: MessageKind;
  profile: string;
  documentType: DocumentType;
  documentStatus: EnvelopeDocumentStatus;
  sentAt: Date;
  receivedAt: Date;
  /** Base64 SHA-256 of the body as received. */
  digest: string;
  /** The signed message exactly as received, kept for non-repudiation. */
  body: string;
  receiptXml: string;
  deliveryStatus: DeliveryStatus;
  /** The canonical document decoded from the payload (kind `document`). */
  data?: Record<string, unknown>;
  businessResponse?: BusinessResponse;
  state: 'RECEIVED' | 'PROCESSED' | 'FAILED';
  attempts: number;
  leaseUntil: Date;
  lastError?: string;
  /** The document created from it, or the document a business response updated. */
  documentId?: string;
  processedAt?: Date;
}
