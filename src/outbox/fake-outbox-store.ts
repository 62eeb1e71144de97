import type { OutboxEntry } from '../kernel/document-record.js';
import type { ClaimedMessage, OutboxStore, RefusedMessage } from './outbox-store.js';

interface FakeEntry extends OutboxEntry {
  /** Not claimable before this (ms): its retry time after a refused publish. */
  retryAt?: number;
}

/**
 * OutboxStore in memory, for fast tests of the relay: documents' outboxes in a map,
 * one lease per document (its claim and its end), and the same rules as the real
 * store: a claim takes PENDING entries not waiting for a retry of documents no live
 * lease holds, a settle changes only PENDING entries, a release frees the documents.
 */
export class FakeOutboxStore implements OutboxStore {
  private readonly documents = new Map<string, FakeEntry[]>();
  private readonly leases = new Map<string, { owner: string; until: number }>();

  /** Stores a document's new entries, as a write by the intake or the lifecycle would. */
  add(documentId: string, entries: readonly OutboxEntry[]): void {
    this.documents.set(documentId, [...(this.documents.get(documentId) ?? []), ...entries.map((entry) => ({ ...entry }))]);
  }

  /** A document's entries as stored now. */
  entries(documentId: string): OutboxEntry[] {
    return (this.documents.get(documentId) ?? []).map(({ retryAt: _retryAt, ...entry }) => entry);
  }

  /** The documents some lease holds at `now`. */
  leased(now: Date): string[] {
    return [...this.leases].filter(([, lease]) => lease.until > now.getTime()).map(([id]) => id);
  }

  claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    const free = [...this.documents.keys()].filter((id) => this.claimable(id, now).length > 0 && !this.isLeased(id, now));
    return Promise.resolve(this.take(owner, free.slice(0, limit), now, leaseUntil));
  }

  claimDocuments(owner: string, documentIds: string[], now: Date, leaseUntil: Date): Promise<ClaimedMessage[]> {
    const free = documentIds.filter((id) => this.claimable(id, now).length > 0 && !this.isLeased(id, now));
    return Promise.resolve(this.take(owner, free, now, leaseUntil));
  }

  settle(sent: ClaimedMessage[], refused: RefusedMessage[], at: Date): Promise<void> {
    for (const message of sent) {
      const entry = this.pending(message);
      if (entry) Object.assign(entry, { state: 'SENT', sentAt: at, body: '', attempts: entry.attempts + 1 });
    }
    for (const { message, retryAt, error } of refused) {
      const entry = this.pending(message);
      if (entry) Object.assign(entry, { retryAt: retryAt.getTime(), lastError: error, attempts: entry.attempts + 1 });
    }
    return Promise.resolve();
  }

  release(owner: string, documentIds: string[]): Promise<void> {
    for (const id of documentIds) if (this.leases.get(id)?.owner === owner) this.leases.delete(id);
    return Promise.resolve();
  }

  private take(owner: string, documentIds: string[], now: Date, leaseUntil: Date): ClaimedMessage[] {
    for (const id of documentIds) this.leases.set(id, { owner, until: leaseUntil.getTime() });
    return documentIds.flatMap((documentId) =>
      this.claimable(documentId, now).map(({ body, retryAt: _retryAt, ...entry }) => ({
        documentId,
        entry,
        body: Buffer.from(body, 'utf8'),
      })),
    );
  }

  private claimable(documentId: string, now: Date): FakeEntry[] {
    return (this.documents.get(documentId) ?? []).filter((entry) => entry.state === 'PENDING' && (entry.retryAt ?? 0) <= now.getTime());
  }

  private isLeased(documentId: string, now: Date): boolean {
    return (this.leases.get(documentId)?.until ?? 0) > now.getTime();
  }

  private pending({ documentId, entry }: ClaimedMessage): FakeEntry | undefined {
    return this.documents.get(documentId)?.find((stored) => stored.messageId === entry.messageId && stored.state === 'PENDING');
  }
}
