import { mongo, type Connection } from 'mongoose';

/** One claim's lease on the documents it publishes. */
interface Lease {
  /** The claim holding it (unique per claim). */
  _id: string;
  /** The documents it holds; no two leases hold the same document. */
  documents: string[];
  until: Date;
}

const DUPLICATE_KEY = 11000;
/** Larger than any number of leases held at once; the server still ends a batch at 16 MiB. */
const ONE_BATCH = 1_000_000;

/**
 * Which claim may publish a document's outbox: one record per claim in `outbox_leases`,
 * listing the documents it holds. A unique index on that list lets no two records hold
 * one document, so taking a batch's leases is a single insert, and freeing them a single
 * delete: 2 writes per batch, where a record per document took 2 per document. Leases
 * stay out of the documents themselves, which would cost every claimed document a write.
 */
export class OutboxLeases {
  /** The documents each lease this process took still holds (a release of the last deletes the record), and its end (ms). */
  private readonly taken = new Map<string, { documents: Set<string>; until: number }>();

  private constructor(private readonly leases: mongo.Collection<Lease>) {}

  static async create(connection: Connection): Promise<OutboxLeases> {
    const leases = connection.getClient().db(connection.name).collection<Lease>('outbox_leases');
    await leases.createIndex(
      { documents: 1 },
      // Only records that list documents: a record of another shape (none is written) holds nothing.
      { name: 'outbox_lease_documents', unique: true, partialFilterExpression: { documents: { $exists: true } } },
    );
    // Left behind by a relay that died before its release; expired leases are free anyway.
    await leases.createIndex({ until: 1 }, { name: 'outbox_lease_expiry', expireAfterSeconds: 0 });
    return new OutboxLeases(leases);
  }

  /**
   * Documents the claims of other processes hold now. This process's own claims are left
   * out: its store knows their documents, and leaving them out spares every search
   * reading back the leases it has just written.
   */
  async heldElsewhere(now: Date): Promise<Set<string>> {
    const mine = [...this.taken.keys()];
    const filter = { until: { $gt: now }, ...(mine.length > 0 ? { _id: { $nin: mine } } : {}) };
    // One batch: a getMore would be one more round trip on every claim's path.
    const leases = await this.leases.find(filter, { projection: { documents: 1 }, batchSize: ONE_BATCH }).toArray();
    return new Set(leases.flatMap((lease) => lease.documents ?? []));
  }

  /**
   * Takes the leases that are free or expired; returns the documents now held by `owner`.
   * When another lease holds some of them, the expired leases among those are dropped
   * (their claims are over), and the documents still held by live ones are left out.
   */
  async acquire(owner: string, documentIds: string[], now: Date, until: Date): Promise<string[]> {
    if (documentIds.length === 0) return [];
    // A claim that failed before its release left its lease to expire: forget it then.
    for (const [claim, lease] of this.taken) if (lease.until <= now.getTime()) this.taken.delete(claim);
    if (await this.insert({ _id: owner, documents: documentIds, until })) return this.took(owner, documentIds, until);
    await this.leases.deleteMany({ documents: { $in: documentIds }, until: { $lte: now } });
    const live = await this.leases.find({ documents: { $in: documentIds } }, { projection: { documents: 1 } }).toArray();
    const busy = new Set(live.flatMap((lease) => lease.documents ?? []));
    const free = documentIds.filter((id) => !busy.has(id));
    // Lost again to a claim taken meanwhile: these documents wait for a later claim.
    if (free.length === 0 || !(await this.insert({ _id: owner, documents: free, until }))) return [];
    return this.took(owner, free, until);
  }

  /** Frees documents of `owner`'s lease; the record goes with the last (or when this process no longer tracks it). */
  async release(owner: string, documentIds: string[]): Promise<void> {
    if (documentIds.length === 0) return;
    const held = this.taken.get(owner)?.documents;
    if (held) for (const id of documentIds) held.delete(id);
    if (held && held.size > 0) {
      await this.leases.updateOne({ _id: owner }, { $pull: { documents: { $in: documentIds } } });
      return;
    }
    this.taken.delete(owner);
    await this.leases.deleteOne({ _id: owner });
  }

  private took(owner: string, documentIds: string[], until: Date): string[] {
    this.taken.set(owner, { documents: new Set(documentIds), until: until.getTime() });
    return documentIds;
  }

  /** False when another lease holds one of the documents. */
  private async insert(lease: Lease): Promise<boolean> {
    try {
      await this.leases.insertOne(lease);
      return true;
    } catch (error) {
      if (error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }
}
