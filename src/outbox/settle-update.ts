import type { RefusedMessage } from './outbox-store.js';

export interface SettleUpdate {
  update: { $set: Record<string, unknown>; $inc: Record<string, number> };
  arrayFilters: Record<string, unknown>[];
}

/**
 * The update that settles one document's claimed entries: the confirmed ones SENT
 * (bodies dropped), the refused ones waiting for their retry time. Entries are matched
 * by messageId and only while PENDING, so an entry another relay marked meanwhile (after
 * this claim's lease expired) keeps its own record. Plain operators on `$[identifier]`
 * paths: each store applies them without evaluating an expression per entry.
 */
export function settleUpdate(sentIds: string[], refused: RefusedMessage[], at: Date): SettleUpdate {
  const $set: Record<string, unknown> = {};
  const $inc: Record<string, number> = {};
  const arrayFilters: Record<string, unknown>[] = [];
  if (sentIds.length > 0) {
    // The body goes once the broker holds the message: a long-lived document keeps the
    // record of what it published (ids, routing, times), not every payload again.
    Object.assign($set, { 'outbox.$[sent].state': 'SENT', 'outbox.$[sent].sentAt': at, 'outbox.$[sent].body': '' });
    $inc['outbox.$[sent].attempts'] = 1;
    arrayFilters.push({ 'sent.state': 'PENDING', 'sent.messageId': { $in: sentIds } });
  }
  // One identifier per refused entry, each with its own retry time and error. An entry
  // is settled once: two identifiers matching one entry would be a conflict.
  const sent = new Set(sentIds);
  const retried = new Set<string>();
  for (const { message, retryAt, error } of refused) {
    const { messageId } = message.entry;
    if (sent.has(messageId) || retried.has(messageId)) continue;
    const name = `retry${retried.size}`;
    retried.add(messageId);
    Object.assign($set, { [`outbox.$[${name}].leaseUntil`]: retryAt, [`outbox.$[${name}].leaseOwner`]: '', [`outbox.$[${name}].lastError`]: error.slice(0, 500) });
    $inc[`outbox.$[${name}].attempts`] = 1;
    arrayFilters.push({ [`${name}.state`]: 'PENDING', [`${name}.messageId`]: messageId });
  }
  return { update: { $set, $inc }, arrayFilters };
}
