import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { OutboxEntry } from '../kernel/document-record.js';
import { fromEntry } from './mongo/read-outbox-bytes.js';
import type { ClaimedMessage } from './outbox-store.js';

/**
 * The path from a write to the relay of the same process. When this process runs
 * the relay role, new outbox entries are born leased to it (`stamp`), so once the
 * write is stored (`notify` with the entries) the relay publishes them straight from
 * memory, without claiming: other relays cannot take them until the lease expires,
 * which is also what hands them over if this process dies first. Without a local
 * relay, entries are born claimable and `notify` only wakes nobody; relays in other
 * processes find them by polling.
 */
export class OutboxSignal {
  /** The lease owner of entries born in this process, when a relay runs here. */
  readonly localOwner: string | undefined;
  private readonly emitter = new EventEmitter();
  private pending = false;
  private readonly documents = new Set<string>();
  private handoffs: ClaimedMessage[] = [];
  private readonly leaseMs: number;

  constructor(localRelay?: { leaseMs: number }) {
    this.emitter.setMaxListeners(0);
    this.localOwner = localRelay ? `relay-${randomUUID().slice(0, 8)}-local` : undefined;
    this.leaseMs = localRelay?.leaseMs ?? 0;
  }

  /** New entries, leased to the local relay when there is one. */
  stamp(entries: OutboxEntry[], now: Date): OutboxEntry[] {
    if (!this.localOwner) return entries;
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    return entries.map((entry) => ({ ...entry, leaseOwner: this.localOwner, leaseUntil }));
  }

  /** A write is stored: its entries born leased to the local relay go to it, the rest are a hint to look. */
  notify(documentId?: string, entries: OutboxEntry[] = []): void {
    const mine = entries.filter((entry) => entry.state === 'PENDING' && this.localOwner !== undefined && entry.leaseOwner === this.localOwner);
    if (documentId !== undefined) {
      if (mine.length > 0) this.handoffs.push(...mine.map((entry) => ({ documentId, ...fromEntry(entry) })));
      if (mine.length < entries.length || entries.length === 0) this.documents.add(documentId);
    }
    this.pending = true;
    this.emitter.emit('notify');
  }

  /** Entries handed to the local relay since the last call (it holds their lease already). */
  takeHandoffs(limit: number): ClaimedMessage[] {
    return this.handoffs.splice(0, limit);
  }

  hasHandoffs(): boolean {
    return this.handoffs.length > 0;
  }

  /** Documents to claim by id since the last call. */
  takeDocuments(): string[] {
    const ids = [...this.documents];
    this.documents.clear();
    return ids;
  }

  /** Resolves on the next notify (or at once if one came since the last wait), or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.removeListener('notify', done);
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.once('notify', done);
    });
  }
}
