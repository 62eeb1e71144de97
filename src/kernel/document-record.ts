import type { CitedRegisterEntry } from './contracts/agency-work.js';
import type { DocumentType } from './contracts/document-types.js';
import type { DocumentStatus } from './contracts/status-event.js';
import type { RoutingPlan } from './routing-plan.js';

export { DOCUMENT_TYPES, type DocumentType } from './contracts/document-types.js';
export { DOCUMENT_STATUSES, type DocumentStatus } from './contracts/status-event.js';

/**
 * The stored trade document as the rest of the service sees it: a plain object.
 * Every state change is one atomic update of this one record that also appends
 * to `history` and `outbox` (see docs/ARCHITECTURE.md).
 */
export interface HistoryEntry {
  at: Date;
  /** `enterprise:<id>`, `agency:<CODE>`, `partner:<CC>`, `system`. */
  actor: string;
  from: DocumentStatus | null;
  to: DocumentStatus;
  reason?: string;
}

/** A message still to publish (or already published) because of a state change of this document. */
export interface OutboxEntry {
  messageId: string;
  exchange: string;
  routingKey: string;
  type: string;
  contentType: string;
  body: string;
  headers?: Record<string, unknown>;
  createdAt: Date;
  state: 'PENDING' | 'SENT';
  attempts: number;
  sentAt?: Date;
  lastError?: string;
}

export interface DocumentOrigin {
  channel: 'enterprise' | 'partner';
  partnerCountry?: string;
  partnerMessageId?: string;
}

export interface TradeDocument {
  id: string;
  reference: string;
  type: DocumentType;
  schemaVersion: string;
  enterpriseId: string;
  status: DocumentStatus;
  /** The canonical JSON, exactly as submitted (XML input is decoded by the schema-driven codec). */
  data: Record<string, unknown>;
  sourceFormat: 'json' | 'xml';
  origin: DocumentOrigin;
  submittedAt: Date;
  updatedAt: Date;
  /** Incremented by every update; guards read-modify-write changes. */
  version: number;
  history: HistoryEntry[];
  outbox: OutboxEntry[];
  /** Which agencies must act, by which rule, due when, decided how: planned by routing, advanced by decisions. */
  routing?: RoutingPlan;
  /** The enterprise's answers to NEEDS_INFO, kept by the amendments feature (its own shape). */
  amendments?: unknown[];
  /** Exchanges with partner single windows and their transport status, kept by the partners feature (its own shape). */
  partnerExchanges?: unknown[];
  /** Register entries a declaration cites, as of its latest dispatch; kept by the register feature. */
  registerEntries?: CitedRegisterEntry[];
  /** The use of an Idempotency-Key that created the document (unique), when the request had one. */
  idempotencyToken?: string;
}
