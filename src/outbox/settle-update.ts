import type { RefusedMessage } from './outbox-store.js';

/**
 * The update pipeline that settles one document's claimed entries: the confirmed ones
 * SENT (bodies dropped), the refused ones waiting for their retry time. Entries are
 * matched by messageId and only while PENDING, so an entry another relay marked
 * meanwhile (after this claim's lease expired) keeps its own record.
 */
export function settleUpdate(sentIds: string[], refused: RefusedMessage[], at: Date): object[] {
  let pendingEntry: unknown = '$$e';
  for (const { message, retryAt, error } of refused) {
    const retry = attempted({ leaseUntil: retryAt, leaseOwner: '', lastError: { $literal: error.slice(0, 500) } });
    pendingEntry = { $cond: [{ $eq: ['$$e.messageId', { $literal: message.entry.messageId }] }, retry, pendingEntry] };
  }
  // The body goes once the broker holds the message: a long-lived document keeps the
  // record of what it published (ids, routing, times), not every payload again.
  if (sentIds.length > 0) pendingEntry = { $cond: [{ $in: ['$$e.messageId', { $literal: sentIds }] }, attempted({ state: 'SENT', sentAt: at, body: '' }), pendingEntry] };
  const entry = { $cond: [{ $eq: ['$$e.state', 'PENDING'] }, pendingEntry, '$$e'] };
  return [{ $set: { outbox: { $map: { input: '$outbox', as: 'e', in: entry } } } }];
}

/**
 * The entry with `values` merged in and one more attempt counted. The values are
 * constants that cannot be read as expressions (no leading `$`), or wrapped in `$literal`:
 * plain constants are cheaper for the embedded store to evaluate.
 */
function attempted(values: Record<string, unknown>) {
  return { $mergeObjects: ['$$e', { ...values, attempts: { $add: ['$$e.attempts', 1] } }] };
}
