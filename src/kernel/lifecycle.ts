import type { DocumentStatus } from './document-record.js';
import type { AgencyAssignment } from './routing-plan.js';
import { DomainError } from './errors/domain-error.js';

/**
 * The allowed status changes, and nothing else. A first decision moves a routed
 * document into review; NEEDS_INFO returns to review when the enterprise amends
 * (or ends, when the asking agency decides without waiting); APPROVED and REJECTED
 * are final. ROUTED may end at once when a single agency decides with its first answer.
 */
const ALLOWED_TRANSITIONS: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  SUBMITTED: ['ROUTED'],
  ROUTED: ['IN_REVIEW', 'NEEDS_INFO', 'APPROVED', 'REJECTED'],
  IN_REVIEW: ['NEEDS_INFO', 'APPROVED', 'REJECTED'],
  NEEDS_INFO: ['IN_REVIEW', 'APPROVED', 'REJECTED'],
  APPROVED: [],
  REJECTED: [],
};

/** Statuses in which agencies' decisions are still accepted. */
export const OPEN_STATUSES: readonly DocumentStatus[] = ['ROUTED', 'IN_REVIEW', 'NEEDS_INFO'];

function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: DocumentStatus, to: DocumentStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('DOCUMENT.INVALID_TRANSITION', `A ${from} document cannot become ${to}`, { details: { from, to } });
  }
}

/** The document's status that its agencies' statuses add up to: one refusal rejects, all approvals approve. */
export function statusFor(current: DocumentStatus, agencies: readonly AgencyAssignment[]): DocumentStatus {
  if (agencies.some((a) => a.status === 'REJECTED')) return 'REJECTED';
  if (agencies.every((a) => a.status === 'APPROVED')) return 'APPROVED';
  if (agencies.some((a) => a.status === 'NEEDS_INFO')) return 'NEEDS_INFO';
  const anyDecision = agencies.some((a) => a.decisions.length > 0);
  return current === 'ROUTED' && !anyDecision ? 'ROUTED' : 'IN_REVIEW';
}
