import type { DocumentStatus } from './document-record.js';
import { DomainError } from './errors/domain-error.js';

/**
 * The allowed status changes, and nothing else. A first decision moves a routed
 * document into review; NEEDS_INFO returns to review when the enterprise amends
 * (or ends, when the asking agency decides without waiting); APPROVED and REJECTED
 * are final. ROUTED may end at once when a single agency decides with its first answer.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  SUBMITTED: ['ROUTED'],
  ROUTED: ['IN_REVIEW', 'NEEDS_INFO', 'APPROVED', 'REJECTED'],
  IN_REVIEW: ['NEEDS_INFO', 'APPROVED', 'REJECTED'],
  NEEDS_INFO: ['IN_REVIEW', 'APPROVED', 'REJECTED'],
  APPROVED: [],
  REJECTED: [],
};

export const FINAL_STATUSES: readonly DocumentStatus[] = ['APPROVED', 'REJECTED'];

/** Statuses in which agencies' decisions are still accepted. */
export const OPEN_STATUSES: readonly DocumentStatus[] = ['ROUTED', 'IN_REVIEW', 'NEEDS_INFO'];

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: DocumentStatus, to: DocumentStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('DOCUMENT.INVALID_TRANSITION', `A ${from} document cannot become ${to}`, { details: { from, to } });
  }
}

export const isFinal = (status: DocumentStatus) => FINAL_STATUSES.includes(status);
