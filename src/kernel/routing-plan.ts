import type { TradeDocument } from './document-record.js';
import type { DecisionKind } from './contracts/decision-message.js';

/**
 * HELD: waits for the other agencies (an agency that decides last); PENDING: its
 * message is on the way or in its queue; the rest mirror the agency's latest decision.
 */
export type AgencyStatus = 'HELD' | 'PENDING' | 'ACKNOWLEDGED' | 'NEEDS_INFO' | 'APPROVED' | 'REJECTED';

export interface RecordedDecision {
  messageId: string;
  decision: DecisionKind;
  permitNumber?: string;
  reasons?: string[];
  question?: string;
  /** As the agency states it. */
  decidedAt: Date;
  receivedAt: Date;
  channel: 'amqp' | 'http';
}

export interface AgencyAssignment {
  agency: string;
  /** Ids of the rules (of `ruleSetVersion`) that sent the document to this agency. */
  rules: string[];
  /** Indexes of the goods items that matched those rules; absent when a rule matched the whole document. */
  goodsItems?: number[];
  status: AgencyStatus;
  /** How many times the document was sent to the agency (first routing and re-routings after amendments). */
  dispatches: number;
  dispatchedAt?: Date;
  dueAt?: Date;
  permitNumber?: string;
  decisions: RecordedDecision[];
}

/** Stored on the document as `routing`: which agencies act on it, why, by when, and how they decided. */
export interface RoutingPlan {
  ruleSetVersion: string;
  registryVersion: string;
  plannedAt: Date;
  agencies: AgencyAssignment[];
}

/** The routing plan of a stored document. */
export function routingOf(document: Pick<TradeDocument, 'routing'>): RoutingPlan | undefined {
  return document.routing;
}

/**
 * Overdue: the agency has the document and still owes its answer after the due time.
 * Its clock stops while it waits for the enterprise (NEEDS_INFO); an amendment restarts it.
 */
export function isOverdue(assignment: AgencyAssignment, now: Date): boolean {
  const waitingForAgency = assignment.status === 'PENDING' || assignment.status === 'ACKNOWLEDGED';
  return waitingForAgency && assignment.dueAt !== undefined && new Date(assignment.dueAt).getTime() < now.getTime();
}
