import type { RefusalReason } from '../messages/receipt.js';

/** What the inbound endpoint answers: always a signed receipt, with an HTTP status that says the same. */
export interface InboundOutcome {
  status: number;
  receiptXml: string;
  result: 'accepted' | 'duplicate' | 'refused';
  reason?: RefusalReason;
  /** The stored message, when accepted (not for duplicates). */
  storedId?: string;
}

export const REFUSAL_STATUS: Record<RefusalReason, number> = {
  MALFORMED: 400,
  INVALID_MESSAGE: 422,
  UNSUPPORTED_DOCUMENT_TYPE: 422,
  UNKNOWN_CONVERSATION: 422,
  UNSIGNED: 401,
  BAD_SIGNATURE: 401,
  UNKNOWN_PARTNER: 403,
  WRONG_SENDER: 403,
  WRONG_RECIPIENT: 403,
  EXPIRED: 409,
};
