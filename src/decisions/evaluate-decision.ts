import type { DocumentStatus, TradeDocument } from '../kernel/document-record.js';
import { OPEN_STATUSES, statusFor } from '../kernel/lifecycle.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import type { ErrorCode } from '../kernel/errors/error-codes.js';
import type { AgencyAssignment, AgencyStatus, RoutingPlan } from '../kernel/routing-plan.js';
import type { DecisionEnvelope } from '../kernel/contracts/decision-message.js';

/** Bounds one agency's decisions on one document (and so the document's size). */
const MAX_DECISIONS_PER_AGENCY = 50;

export interface Evaluation {
  plan: RoutingPlan;
  status: DocumentStatus;
  reason: string;
  /** Held agencies (customs) whose turn has come: every other agency approved. */
  release: string[];
}

const conflict = (code: ErrorCode, message: string, details: Record<string, unknown> = {}) => new DomainError(code, message, { details });

/** True when the message was applied before: the decision is a duplicate and changes nothing. */
export function alreadyApplied(plan: RoutingPlan | undefined, messageId: string): boolean {
  return plan?.agencies.some((a) => a.decisions.some((d) => d.messageId === messageId)) ?? false;
}

/**
 * Applies one agency decision to a routing plan: checks that the agency was routed
 * the document and may decide now, records the decision, releases agencies that
 * decide last once all others approved, and derives the document's status.
 */
export function evaluateDecision(
  document: TradeDocument,
  plan: RoutingPlan | undefined,
  envelope: DecisionEnvelope,
  now: Date,
): Evaluation {
  const { message } = envelope;
  if (!plan || !OPEN_STATUSES.includes(document.status)) {
    throw conflict('DECISION.DOCUMENT_CLOSED', `The document is ${document.status} and accepts no more decisions`, {
      status: document.status,
    });
  }
  const assignment = plan.agencies.find((a) => a.agency === message.agency);
  if (!assignment) {
    throw conflict('DECISION.AGENCY_NOT_ROUTED', `The document was not routed to ${message.agency}`, {
      routedTo: plan.agencies.map((a) => a.agency),
    });
  }
  if (assignment.status === 'HELD') {
    throw conflict(
      'DECISION.NOT_YET_DISPATCHED',
      `${message.agency} decides after the other agencies and has not been sent the document yet`,
    );
  }
  if (assignment.status === 'APPROVED' || assignment.status === 'REJECTED') {
    throw conflict('DECISION.ALREADY_FINAL', `${message.agency} has already ${assignment.status.toLowerCase()} the document`);
  }
  if (assignment.decisions.length >= MAX_DECISIONS_PER_AGENCY) {
    throw conflict('DECISION.TOO_MANY', `${message.agency} has sent ${MAX_DECISIONS_PER_AGENCY} decisions on this document already`);
  }
  const decided: AgencyAssignment = {
    ...assignment,
    status: message.decision as AgencyStatus,
    ...(message.decision === 'APPROVED' && message.permitNumber ? { permitNumber: message.permitNumber } : {}),
    decisions: [
      ...assignment.decisions,
      {
        messageId: envelope.messageId,
        decision: message.decision,
        ...(message.permitNumber ? { permitNumber: message.permitNumber } : {}),
        ...(message.reasons ? { reasons: message.reasons } : {}),
        ...(message.question ? { question: message.question } : {}),
        decidedAt: new Date(message.decidedAt),
        receivedAt: now,
        channel: envelope.channel,
      },
    ],
  };
  const agencies = plan.agencies.map((a) => (a.agency === decided.agency ? decided : a));
  const othersApproved = agencies.every((a) => a.status === 'HELD' || a.status === 'APPROVED');
  const release = othersApproved && decided.status === 'APPROVED' ? agencies.filter((a) => a.status === 'HELD').map((a) => a.agency) : [];
  const next = { ...plan, agencies };
  const status = statusFor(document.status, agencies);
  return {
    plan: next,
    status,
    release,
    reason: describe(message.agency, message.decision, message.permitNumber, message.reasons, message.question, release),
  };
}

function describe(
  agency: string,
  decision: string,
  permit?: string,
  reasons?: string[],
  question?: string,
  release: string[] = [],
): string {
  const parts = [`${agency} ${decision}`];
  if (permit) parts.push(`permit ${permit}`);
  if (reasons?.length) parts.push(reasons.join('; '));
  if (question) parts.push(`asks: ${question}`);
  if (release.length) parts.push(`sent to ${release.join(', ')}`);
  return parts.join(' — ').slice(0, 2000);
}
