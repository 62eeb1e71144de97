import type { DocumentStatus, HistoryEntry, OutboxEntry, TradeDocument } from './document-record.js';
import type { RoutingPlan } from './routing-plan.js';

/**
 * What happens to a new document besides being stored, decided before the one
 * insert that creates it: the routing plan, the messages to publish (agency work,
 * the `document.SUBMITTED` status event) and any further status change.
 */
export interface SubmissionPlan {
  /** Stored as the document's `routing`. */
  routing?: RoutingPlan;
  /** Stored as the document's `outbox`, published by the relay. */
  outbox: OutboxEntry[];
  /** Appended after the intake's own `null -> SUBMITTED` history entry. */
  history?: HistoryEntry[];
  /** The status the document is stored with; `SUBMITTED` when absent. */
  status?: DocumentStatus;
}

/**
 * Plans a submission. `plan` receives the complete document as it will be stored
 * (id, reference, enterpriseId, data, status `SUBMITTED`, the first history entry,
 * an empty outbox) and must not change it: the intake merges the plan in.
 */
export interface SubmissionPlanner {
  plan(document: TradeDocument): SubmissionPlan;
}
