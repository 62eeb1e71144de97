import type { ClaimedMessage, RefusedMessage } from '../outbox-store.js';

interface SettleWrite {
  filter: Record<string, unknown>;
  update: { $set: Record<string, unknown>; $inc: Record<string, number> };
  arrayFilters: Record<string, unknown>[];
}

/**
 * The writes that settle a claim: one update of every document with confirmed entries
 * (SENT, bodies dropped), and one per document with refused entries (waiting for their
 * retry time). Entries are matched by messageId and only while PENDING, so an entry
 * another relay marked meanwhile (after this claim's lease expired) keeps its own record.
 * Plain operators on `$[identifier]` paths: each store applies them without evaluating
 * an expression per entry, and the confirmed ones share a single update, which a store
 * plans once for the whole batch.
 */
export function settleWrites(sent: readonly ClaimedMessage[], refused: readonly RefusedMessage[], at: Date): SettleWrite[] {
  const writes: SettleWrite[] = [];
  if (sent.length > 0) {
    writes.push({
      filter: { _id: { $in: [...new Set(sent.map((message) => message.documentId))] } },
      // The body goes once the broker holds the message: a long-lived document keeps the
      // record of what it published (ids, routing, times), not every payload again.
      update: {
        $set: { 'outbox.$[sent].state': 'SENT', 'outbox.$[sent].sentAt': at, 'outbox.$[sent].body': '' },
        $inc: { 'outbox.$[sent].attempts': 1 },
      },
      arrayFilters: [{ 'sent.state': 'PENDING', 'sent.messageId': { $in: sent.map((message) => message.entry.messageId) } }],
    });
  }
  const confirmed = new Set(sent.map((message) => message.entry.messageId));
  const byDocument = new Map<string, RefusedMessage[]>();
  for (const message of refused) {
    const { documentId, entry } = message.message;
    if (confirmed.has(entry.messageId)) continue;
    const messages = byDocument.get(documentId);
    if (messages) messages.push(message);
    else byDocument.set(documentId, [message]);
  }
  for (const [documentId, messages] of byDocument) writes.push(retryWrite(documentId, messages));
  return writes;
}

/** One identifier per refused entry, each with its own retry time and error; an entry is settled once. */
function retryWrite(documentId: string, refused: readonly RefusedMessage[]): SettleWrite {
  const $set: Record<string, unknown> = {};
  const $inc: Record<string, number> = {};
  const arrayFilters: Record<string, unknown>[] = [];
  const retried = new Set<string>();
  for (const { message, retryAt, error } of refused) {
    const { messageId } = message.entry;
    if (retried.has(messageId)) continue;
    const name = `retry${retried.size}`;
    retried.add(messageId);
    Object.assign($set, { [`outbox.$[${name}].leaseUntil`]: retryAt, [`outbox.$[${name}].lastError`]: error.slice(0, 500) });
    $inc[`outbox.$[${name}].attempts`] = 1;
    arrayFilters.push({ [`${name}.state`]: 'PENDING', [`${name}.messageId`]: messageId });
  }
  return { filter: { _id: documentId }, update: { $set, $inc }, arrayFilters };
}
