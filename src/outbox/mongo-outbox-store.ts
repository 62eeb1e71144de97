import type { Connection, mongo } from 'mongoose';
import type { OutboxEntry } from '../documents/document-record.js';
import { claimableEntry, isClaimable } from './outbox-conditions.js';
import { OutboxLeases } from './outbox-leases.js';
import type { ClaimedMessage, OutboxStore, RefusedMessage } from './outbox-store.js';
import { settleUpdate } from './settle-update.js';

interface StoredDocument {
  _id: string;
  outbox: OutboxEntry[];
}

/** The index that keeps claiming cheap: only documents with a PENDING entry are looked at. */
const PENDING_INDEX = { key: { 'outbox.state': 1 }, name: 'outbox_state' };

/**
 * OutboxStore on the `documents` collection, leased through `OutboxLeases`. A claim
 * is a handful of commands whatever its size: find candidates, take their leases,
 * read their claimable entries (after the lease, so never a stale read), and after
 * the confirms one bulk of per-document settle updates and one lease release.
 */
export class MongoOutboxStore implements OutboxStore {
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
    // Both reads at once: most searches find nothing, and then cost one round trip.
    const [found, held] = await Promise.all([this.candidates(now, limit), this.leases.held(now)]);
    // Held documents still look pending: a full search is redone large enough to fill the batch without them.
    const candidates = found.length === limit && held.size > 0 ? await this.candidates(now, limit + held.size) : found;
    const free = candidates.filter((id) => !held.has(id));
    return this.leaseAndRead(owner, free.slice(0, limit), now, leaseUntil);
  }

  claimDocuments(owner: string, documentIds: string[], now: Date, leaseUntil: Date): Promise<ClaimedMessage[]> {
    return this.leaseAndRead(owner, documentIds, now, leaseUntil);
  }

  async settle(sent: ClaimedMessage[], refused: RefusedMessage[], at: Date): Promise<void> {
    const byDocument = new Map<string, { sentIds: string[]; refused: RefusedMessage[] }>();
    const of = (id: string) => byDocument.get(id) ?? byDocument.set(id, { sentIds: [], refused: [] }).get(id)!;
    for (const message of sent) of(message.documentId).sentIds.push(message.entry.messageId);
    for (const message of refused) of(message.message.documentId).refused.push(message);
    if (byDocument.size === 0) return;
    await this.documents.bulkWrite(
      [...byDocument].map(([id, outcome]) => ({ updateOne: { filter: { _id: id }, update: settleUpdate(outcome.sentIds, outcome.refused, at) } })),
      { ordered: false },
    );
  }

  release(owner: string, documentIds: string[]): Promise<void> {
    return this.leases.release(owner, documentIds);
  }

  /** Documents with a claimable entry, in the store's order. */
  private async candidates(now: Date, limit: number): Promise<string[]> {
    const found = await this.documents
      .aggregate<{ _id: string }>(
        [{ $match: { 'outbox.state': 'PENDING', outbox: { $elemMatch: claimableEntry(now) } } }, { $limit: limit }, { $replaceRoot: { newRoot: { _id: '$_id' } } }],
        { batchSize: limit },
      )
      .toArray();
    return found.map((doc) => String(doc._id));
  }

  /**
   * The claimable entries of the documents whose lease this claim obtained. The outbox
   * comes whole and is filtered here: `$replaceRoot` (unlike `$project`) lets the
   * embedded store stream stored documents without copying them, and a filter
   * expression would cost it more than the few sent entries weigh on the wire.
   */
  private async leaseAndRead(owner: string, documentIds: string[], now: Date, leaseUntil: Date): Promise<ClaimedMessage[]> {
    const won = await this.leases.acquire(owner, documentIds, now, leaseUntil);
    if (won.length === 0) return [];
    const read = await this.documents
      .aggregate<StoredDocument>([{ $match: { _id: { $in: won } } }, { $replaceRoot: { newRoot: { _id: '$_id', outbox: '$outbox' } } }], { batchSize: won.length })
      .toArray();
    const claimed = read.flatMap((doc) => doc.outbox.filter((entry) => isClaimable(entry, now)).map((entry) => ({ documentId: String(doc._id), entry })));
    const withEntries = new Set(claimed.map((message) => message.documentId));
    // Settled by another claim since it was found, or nudged without anything to publish.
    await this.leases.release(
      owner,
      won.filter((id) => !withEntries.has(id)),
    );
    return claimed;
  }
}
