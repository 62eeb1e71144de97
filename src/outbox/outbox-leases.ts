import { mongo, type Connection } from 'mongoose';

interface Lease {
  /** The document the lease is on. */
  _id: string;
  /** The claim holding it (unique per claim). */
  owner: string;
  until: Date;
}

const DUPLICATE_KEY = 11000;
/** Larger than any number of leases held at once; the server still ends a batch at 16 MiB. */
const ONE_BATCH = 1_000_000;

/**
 * Which claim may publish a document's outbox: one small record per document being
 * published, in `outbox_leases`. Taking it is an insert (the unique _id lets one claim
 * win), or the takeover of an expired one; the claim's settle deletes it. Keeping the
 * leases out of the documents spares every claimed document a write: on the embedded
 * store a document write costs as much as the whole rest of the claim.
 */
export class OutboxLeases {
  private constructor(private readonly leases: mongo.Collection<Lease>) {}

  static async create(connection: Connection): Promise<OutboxLeases> {
    const leases = connection.getClient().db(connection.name).collection<Lease>('outbox_leases');
    // Left behind by a relay that died after its settle; expired leases are free anyway.
    await leases.createIndex({ until: 1 }, { name: 'outbox_lease_expiry', expireAfterSeconds: 0 });
    return new OutboxLeases(leases);
  }

  /** Documents some claim holds now. */
  async held(now: Date): Promise<Set<string>> {
    // One batch: a getMore would be one more round trip on every claim's path.
    const leases = await this.leases.find({ until: { $gt: now } }, { projection: { _id: 1 }, batchSize: ONE_BATCH }).toArray();
    return new Set(leases.map((lease) => lease._id));
  }

  /** Takes the leases that are free or expired; returns the documents now held by `owner`. */
  async acquire(owner: string, documentIds: string[], now: Date, until: Date): Promise<string[]> {
    if (documentIds.length === 0) return [];
    const taken = await this.insert(documentIds.map((_id) => ({ _id, owner, until })));
    const busy = documentIds.filter((id) => !taken.has(id));
    if (busy.length === 0) return documentIds;
    const expired = await this.leases.updateMany({ _id: { $in: busy }, until: { $lte: now } }, { $set: { owner, until } });
    if (expired.modifiedCount === 0) return [...taken];
    const takenOver = await this.leases.find({ _id: { $in: busy }, owner }, { projection: { _id: 1 } }).toArray();
    return [...taken, ...takenOver.map((lease) => lease._id)];
  }

  async release(owner: string, documentIds: string[]): Promise<void> {
    if (documentIds.length > 0) await this.leases.deleteMany({ _id: { $in: documentIds }, owner });
  }

  /** The records inserted; a record that already exists is a lease someone holds (or held). */
  private async insert(leases: Lease[]): Promise<Set<string>> {
    try {
      await this.leases.insertMany(leases, { ordered: false });
      return new Set(leases.map((lease) => lease._id));
    } catch (error) {
      if (!(error instanceof mongo.MongoBulkWriteError)) throw error;
      const failed = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (failed.some((write) => write.code !== DUPLICATE_KEY)) throw error;
      const lost = new Set(failed.map((write) => write.index));
      return new Set(leases.filter((_, i) => !lost.has(i)).map((lease) => lease._id));
    }
  }
}
