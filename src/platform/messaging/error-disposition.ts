import { DomainError } from '../../kernel/errors/domain-error.js';

/** What a consumer does with a message whose handling failed. */
export type Disposition = 'retry' | 'dead-letter';

/**
 * The one mapping from errors to redelivery: a transient failure, or one we did not
 * raise on purpose (the store unreachable, a bug fixed by a redeploy), is retried
 * later; anything else the message itself is to blame for goes to the dead-letter
 * queue with the reason, since retrying would give the same answer.
 */
export function dispositionOf(error: unknown): Disposition {
  if (error instanceof DomainError && error.kind !== 'transient' && error.kind !== 'internal') return 'dead-letter';
  return 'retry';
}
