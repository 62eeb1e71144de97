import type { TradeDocument } from '../../kernel/document-record.js';
import type { BusinessOutcome, EnvelopeDocumentStatus } from '../messages/envelope.js';
import type { HubTrackingInfo } from '../ephyto-hub/hub-envelope.js';
import type { DeliveryStatus } from '../messages/receipt.js';

/** After the AS4 access points (Domibus): where a message to a partner stands. */
export const TRANSPORT_STATUSES = [
  'READY_TO_SEND',
  'SENDING',
  'WAITING_FOR_RECEIPT',
  'ACKNOWLEDGED',
  'ACKNOWLEDGED_WITH_WARNING',
  'WAITING_FOR_RETRY',
  'SEND_FAILURE',
] as const;
export type TransportStatus = (typeof TRANSPORT_STATUSES)[number];

export const FINAL_TRANSPORT_STATUSES: readonly TransportStatus[] = ['ACKNOWLEDGED', 'ACKNOWLEDGED_WITH_WARNING', 'SEND_FAILURE'];

export interface TransportEvent {
  at: Date;
  status: TransportStatus;
  attempt: number;
  reason?: string;
}

export interface RecordedReceipt {
  receiptId: string;
  deliveryStatus: DeliveryStatus;
  issuedAt: Date;
  receivedAt: Date;
  reason?: { code: string; text?: string };
  warnings?: string[];
}

export interface RecordedBusinessResponse {
  messageId: string;
  outcome: BusinessOutcome;
  partnerReference?: string;
  reason?: string;
  receivedAt: Date;
}

/**
 * One document sent to one partner, stored in the document's `partnerExchanges`.
 * Its id is the conversation id: the partner's receipt and later business
 * responses carry it.
 */
export interface PartnerExchange {
  conversationId: string;
  /** The envelope's message id: the same on every attempt, so the partner drops duplicates. */
  messageId: string;
  country: string;
  profile: string;
  documentStatus: EnvelopeDocumentStatus;
  transportStatus: TransportStatus;
  /** Sends so far. */
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  nextAttemptAt?: Date;
  /** Digests of every transmission: a partner may answer a resend with the receipt of an earlier one. */
  sentDigests: string[];
  receipt?: RecordedReceipt;
  failure?: { code: string; reason: string };
  businessResponses: RecordedBusinessResponse[];
  history: TransportEvent[];
  /** Through the ePhyto hub: the hub's delivery number once it accepted the envelope, and its last tracking state. */
  hub?: { deliveryNumber: string; trackingInfo: HubTrackingInfo; errorMessage?: string };
}

/** The exchanges of a stored document (the record types them loosely; this feature owns their shape). */
export function exchangesOf(document: Pick<TradeDocument, 'partnerExchanges'>): PartnerExchange[] {
  return (document.partnerExchanges ?? []) as PartnerExchange[];
}

/** The exchange moved to `status`, with the step appended to its history. */
export function step(exchange: PartnerExchange, status: TransportStatus, at: Date, reason?: string): PartnerExchange {
  const next = {
    ...exchange,
    transportStatus: status,
    updatedAt: at,
    history: [...exchange.history, { at, status, attempt: exchange.attempts, ...(reason ? { reason } : {}) }],
  };
  if (next.nextAttemptAt === undefined) delete next.nextAttemptAt;
  return next;
}

/** Statuses of an exchange whose send is under way. */
const IN_FLIGHT: readonly TransportStatus[] = ['SENDING', 'WAITING_FOR_RECEIPT'];

/** The exchange waiting `retryInMs` before its next send, when a send is still under way (else nothing to record). */
export function waitingForRetry(exchange: PartnerExchange, now: Date, retryInMs: number, reason: string): PartnerExchange | undefined {
  if (!IN_FLIGHT.includes(exchange.transportStatus)) return undefined;
  return step({ ...exchange, nextAttemptAt: new Date(now.getTime() + retryInMs) }, 'WAITING_FOR_RETRY', now, reason);
}
