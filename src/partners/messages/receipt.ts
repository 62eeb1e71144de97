/** Why an inbound message was refused; named in the negative receipt's `Reason/@code`. */
export const REFUSAL_REASONS = [
  'MALFORMED',
  'UNSIGNED',
  'BAD_SIGNATURE',
  'UNKNOWN_PARTNER',
  'WRONG_SENDER',
  'WRONG_RECIPIENT',
  'EXPIRED',
  'INVALID_MESSAGE',
  'UNSUPPORTED_DOCUMENT_TYPE',
  'UNKNOWN_CONVERSATION',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The ePhyto hub's delivery statuses. */
export type DeliveryStatus = 'Delivered' | 'DeliveredWithWarnings' | 'FailedDelivery';

export interface Receipt {
  receiptId: string;
  /** Absent only when the refused message could not be read far enough to find its id. */
  refToMessageId?: string;
  from: string;
  to: string;
  issuedAt: Date;
  deliveryStatus: DeliveryStatus;
  /** Base64 SHA-256 of the bytes received. */
  receivedDigest: string;
  reason?: { code: string; text?: string };
  warnings?: string[];
}

export const RECEIPT_ROOT = 'Receipt';
export const SHA256_URI = 'http://www.w3.org/2001/04/xmlenc#sha256';
