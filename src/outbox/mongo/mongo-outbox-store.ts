import type { Connection, mongo } from 'mongoose';
import { readOutboxBytes } from './read-outbox-bytes.js';
import { claimableEntry, isClaimable } from './claimable-entry.js';
import { OutboxLeases } from './outbox-leases.js';
import type { ClaimedMessage, OutboxStore, RefusedMessage } from '../outbox-store.js';
import { settleWrites } from './settle-writes.js';
import type { StoredOutboxEntry } from './stored-outbox-entry.js';

interface StoredDocument {
  _id: string;
  outbox: StoredOutboxEntry[];
}

/** A search finds up to this many batches' documents: the claims after it take the rest. */
const FOUND_BATCHES = 4;
/** How long the documents a search found beyond its claim are kept for the next claims. */
const FOUND_KEPT_MS = 1000;

/** The index that keeps claiming cheap: only documents with a PENDING entry are looked at. */
const PENDING_INDEX = { key: { 'outbox.state': 1 }, name: 'outbox_state' };

/**
 * OutboxStore on the `documents` collection, leased through `OutboxLeases`. A claim
 * is a handful of commands whatever its size: find candidates, take their leases,
 * read their claimable entries (after the lease, so never a stale read), and after
 * the confirms one settle update for the batch and one lease release.
 *
 * Claims of one store may overlap: each search waits for the previous one and leaves
 * out the documents this store's claims hold (`reserved`), so the next claim's search
 * runs while the previous one takes its leases and reads, and finds other documents.
 */
export class MongoOutboxStore implements OutboxStore {
  /** Documents claimed through this store and not yet released, with the end of their lease (ms). */
  private readonly reserved = new Map<string, number>();
  private searching: Promise<unknown> = Promise.resolve();
  /** Documents the last search found beyond its own claim, in the store's order, for the next claims; and when (ms). */
  private found: string[] = [];
  private foundAt = 0;

  private constructor(
    private readonly documents: mongo.Collection<StoredDocument>,
    private readonly leases: OutboxLeases,
  ) {}

  static async create(connection: Connection): Promise<MongoOutboxStore> {
    const documents = connection.getClient().db(connection.name).collection<StoredDocument>('documents');
    await documents.createIndex(PENDING_INDEX.key, { name: PENDING_INDEX.name });
    return new MongoOutboxStore(documents, await OutboxLeases.create(connection));
  }

  async claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    const search = this.searching.then(() => this.search(now, leaseUntil, limit));
    this.searching = search.catch(() => undefined);
    return this.leaseAndRead(owner, await search, now, leaseUntil);
  }

  claimDocuments(owner: string, documentIds: string[], now: Date, leaseUntil: Date): Promise<ClaimedMessage[]> {
    // A document a claim of this store holds is that claim's: its lease would refuse this one anyway.
    const free = documentIds.filter((id) => !this.isReserved(id, now));
    for (const id of free) this.reserved.set(id, leaseUntil.getTime());
    return this.leaseAndRead(owner, free, now, leaseUntil);
  }

  async settle(sent: ClaimedMessage[], refused: RefusedMessage[], at: Date): Promise<void> {
    const writes = settleWrites(sent, refused, at);
    if (writes.length === 0) return;
    await this.documents.bulkWrite(
      writes.map(({ filter, update, arrayFilters }) => ({ updateMany: { filter, update, arrayFilters } })),
      { ordered: false },
    );
  }

  async release(owner: string, documentIds: string[]): Promise<void> {
    await this.leases.release(owner, documentIds);
    for (const id of documentIds) this.reserved.delete(id);
  }

  /**
   * Up to `limit` documents with claimable entries that no claim holds, reserved for
   * this claim. A search looks for several batches' worth at once: the claims right
   * after it take the rest of what it found, so while a backlog lasts most claims
   * skip the query, which carries the ids of every document in flight. (Found
   * documents another claim took meanwhile are sorted out by the lease, and those
   * settled meanwhile by the read.) The documents of this store's own claims are left
   * out by the query; those other relays hold still look pending, so when they fill
   * the result the search is redone large enough to fill the batch without them.
   */
  private async search(now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
    for (const [id, until] of this.reserved) if (until <= now.getTime()) this.reserved.delete(id);
    if (now.getTime() - this.foundAt > FOUND_KEPT_MS) this.found = [];
    let pool = this.found.filter((id) => !this.reserved.has(id));
    const heldBefore = pool.length >= limit ? await this.leases.heldElsewhere(now) : undefined;
    let held: Set<string>;
    if (heldBefore && pool.filter((id) => !heldBefore.has(id)).length >= limit) held = heldBefore;
    else {
      const wanted = limit * FOUND_BATCHES;
      const excluded = [...this.reserved.keys(), ...pool];
      // The leases just read, if any, serve this search too: a lease is checked again when it is taken.
      const [found, heldNow] = await Promise.all([this.candidates(now, wanted, excluded), heldBefore ?? this.leases.heldElsewhere(now)]);
      const heldElsewhere = found.filter((id) => heldNow.has(id)).length;
      pool = [
        ...pool,
        ...(found.length === wanted && heldElsewhere > 0 ? await this.candidates(now, wanted + heldNow.size, excluded) : found),
      ];
      held = heldNow;
      this.foundAt = now.getTime();
    }
    const free: string[] = [];
    const rest: string[] = [];
    for (const id of pool) {
      if (held.has(id) || this.reserved.has(id)) continue;
      if (free.length < limit) free.push(id);
      else rest.push(id);
    }
    this.found = rest;
    for (const id of free) this.reserved.set(id, leaseUntil.getTime());
    return free;
  }

  private isReserved(id: string, now: Date): boolean {
    const until = this.reserved.get(id);
    return until !== undefined && until > now.getTime();
  }

  /** Documents with a claimable entry, in the store's order, other than `excluded`. */
  private async candidates(now: Date, limit: number, excluded: string[]): Promise<string[]> {
    // The exclusion first: it rules out the documents in flight, first in the index's order, at once.
    const match = {
      ...(excluded.length > 0 ? { _id: { $nin: excluded } } : {}),
      'outbox.state': 'PENDING',
      outbox: { $elemMatch: claimableEntry(now) },
    };
    const found = await this.documents
      .aggregate<Buffer>([{ $match: match }, { $limit: limit }, { $replaceRoot: { newRoot: { _id: '$_id' } } }], {
        batchSize: limit,
        raw: true,
      })
      .toArray();
    return found.map((bytes) => readOutboxBytes(bytes).documentId);
  }

  /**
   * The claimable entries of the documents whose lease this claim obtained. The outbox
   * comes whole and is filtered here: `$replaceRoot` (unlike `$project`) lets the
   * embedded store stream stored documents without copying them, and a filter
   * expression would cost it more than the few sent entries weigh on the wire.
   */
  private async leaseAndRead(owner: string, documentIds: string[], now: Date, leaseUntil: Date): Promise<ClaimedMessage[]> {
    const won = await this.leaseOrForget(owner, documentIds, now, leaseUntil);
    if (won.length === 0) return [];
    const read = await this.documents
      // Raw: each document's bytes, read by readOutboxBytes, whose bodies stay bytes to publish.
      .aggregate<Buffer>([{ $match: { _id: { $in: won } } }, { $replaceRoot: { newRoot: { _id: '$_id', outbox: '$outbox' } } }], {
        batchSize: won.length,
        raw: true,
      })
      .toArray();
    const claimed = read
      .map(readOutboxBytes)
      .flatMap(({ documentId, entries }) =>
        entries.filter(({ entry }) => isClaimable(entry, now)).map((relayed) => ({ documentId, ...relayed })),
      );
    const withEntries = new Set(claimed.map((message) => message.documentId));
    // Settled by another claim since it was found, or nudged without anything to publish.
    await this.release(
      owner,
      won.filter((id) => !withEntries.has(id)),
    );
    return claimed;
  }

  /** The leases won; the reservations of the documents lost (or of a failed attempt) are dropped. */
  private async leaseOrForget(owner: string, documentIds: string[], now: Date, leaseUntil: Date): Promise<string[]> {
    let won: string[] = [];
    try {
      won = await this.leases.acquire(owner, documentIds, now, leaseUntil);
      return won;
    } finally {
      const kept = new Set(won);
      for (const id of documentIds) if (!kept.has(id)) this.reserved.delete(id);
    }
  }
}
