import type { StoredOutboxEntry } from './stored-outbox-entry.js';

/**
 * Which outbox entries a claim publishes: PENDING ones not waiting for a retry time
 * (their `leaseUntil`, when set, has passed).
 */

/** As a query on one entry (inside `$elemMatch`). */
export function claimableEntry(now: Date) {
  return { state: 'PENDING', leaseUntil: { $not: { $gt: now } } };
}

/** The same test on an entry read from the store. */
export function isClaimable(entry: Pick<StoredOutboxEntry, 'state' | 'leaseUntil'>, now: Date): boolean {
  return entry.state === 'PENDING' && !(entry.leaseUntil !== undefined && new Date(entry.leaseUntil) > now);
}
