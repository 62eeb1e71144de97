import type { OutboxEntry } from '../../kernel/document-record.js';

/**
 * Which outbox entries a claim publishes: PENDING ones whose own `leaseUntil` has
 * passed. It is ahead while an entry waits for its retry time, or while the local
 * relay it was born leased to publishes it from memory.
 */

/** As a query on one entry (inside `$elemMatch`). */
export function claimableEntry(now: Date) {
  return { state: 'PENDING', leaseUntil: { $not: { $gt: now } } };
}

/** The same test on an entry read from the store. */
export function isClaimable(entry: Pick<OutboxEntry, 'state' | 'leaseUntil'>, now: Date): boolean {
  return entry.state === 'PENDING' && !(entry.leaseUntil !== undefined && new Date(entry.leaseUntil) > now);
}
