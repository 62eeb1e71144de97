import type { ClaimedMessage, OutboxStore, RefusedMessage } from '../../../src/outbox/outbox-store.js';

/**
 * An outbox kept in this process's memory, for the routing benchmark only: the relay
 * draining it does all of its own work (claiming in batches of documents, publishing
 * with confirms, settling, releasing) and none of a store's. Beside the relay on the
 * real store, it tells how much of the gap to raw amqplib is the relay's and how much
 * the store's. It holds no leases and writes nothing: one relay drains it once.
 */
export class MemoryOutbox implements OutboxStore {
  /** Claimable messages, grouped by document, in the order they were given. */
  private readonly documents: ClaimedMessage[][];
  private next = 0;

  constructor(
    messages: readonly ClaimedMessage[],
    /** Called after each settle with the number of messages it confirmed. */
    private readonly onSettled: (sent: number) => void,
  ) {
    const byDocument = new Map<string, ClaimedMessage[]>();
    for (const message of messages) {
      const entries = byDocument.get(message.documentId);
      if (entries) entries.push(message);
      else byDocument.set(message.documentId, [message]);
    }
    this.documents = [...byDocument.values()];
  }

  claim(_owner: string, _now: Date, _leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    const batch = this.documents.slice(this.next, this.next + limit);
    this.next += batch.length;
    return Promise.resolve(batch.flat());
  }

  /** Every document is found by `claim`; none is announced by id. */
  claimDocuments(): Promise<ClaimedMessage[]> {
    return Promise.resolve([]);
  }

  /** The refused are claimable again at once, as documents of their own. */
  settle(sent: ClaimedMessage[], refused: RefusedMessage[]): Promise<void> {
    for (const { message } of refused) this.documents.push([message]);
    this.onSettled(sent.length);
    return Promise.resolve();
  }

  release(): Promise<void> {
    return Promise.resolve();
  }
}
