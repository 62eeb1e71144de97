import { Schema, type Connection, type Model, type QueryFilter } from 'mongoose';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency-store.js';

interface IdempotencyRow {
  _id: string;
  fingerprint: string;
  token: string;
  state: 'IN_FLIGHT' | 'COMPLETED';
  response?: StoredResponse | null;
  lockedUntil: Date;
  expiresAt: Date;
}

const idempotencySchema = new Schema<IdempotencyRow>(
  {
    _id: { type: String, required: true },
    fingerprint: { type: String, required: true },
    token: { type: String, required: true },
    state: { type: String, required: true, enum: ['IN_FLIGHT', 'COMPLETED'] },
    response: { type: Schema.Types.Mixed, default: null },
    lockedUntil: { type: Date, required: true },
    // MongoDB removes a key once this time passes; the guard also treats it as gone before then.
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { versionKey: false, strict: true, minimize: false },
);

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

const toRecord = (row: IdempotencyRow): IdempotencyRecord => ({
  id: row._id,
  fingerprint: row.fingerprint,
  token: row.token,
  state: row.state,
  ...(row.response ? { response: row.response } : {}),
  lockedUntil: row.lockedUntil,
  expiresAt: row.expiresAt,
});

/** IdempotencyStore on the `idempotency_keys` collection (TTL index on expiresAt). */
export class MongoIdempotencyStore implements IdempotencyStore {
  private constructor(private readonly keys: Model<IdempotencyRow>) {}

  static async create(connection: Connection): Promise<MongoIdempotencyStore> {
    // Every endpoint taking Idempotency-Key shares the collection; each feature asks for the store.
    const keys =
      (connection.models.IdempotencyKey as Model<IdempotencyRow> | undefined) ??
      connection.model<IdempotencyRow>('IdempotencyKey', idempotencySchema, 'idempotency_keys');
    await keys.init();
    return new MongoIdempotencyStore(keys);
  }

  async begin(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    // The holder may be released or expire between the failed insert and the read: insert again then.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await this.keys.create(this.toRow(record));
        return undefined;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const held = await this.keys.findById(record.id).lean<IdempotencyRow>();
      if (held) return toRecord(held);
    }
    throw new Error(`Idempotency-Key ${record.id} keeps changing hands`);
  }

  async takeOver(record: IdempotencyRecord, now: Date): Promise<boolean> {
    const abandoned: QueryFilter<IdempotencyRow> = {
      _id: record.id,
      $or: [{ expiresAt: { $lte: now } }, { state: 'IN_FLIGHT', lockedUntil: { $lte: now } }],
    };
    const replaced = await this.keys.replaceOne(abandoned, this.toRow(record));
    if (replaced.matchedCount === 1) return true;
    try {
      await this.keys.create(this.toRow(record));
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async complete(id: string, response: StoredResponse): Promise<void> {
    await this.keys.updateOne({ _id: id }, { $set: { state: 'COMPLETED', response } });
  }

  async release(id: string): Promise<void> {
    await this.keys.deleteOne({ _id: id, state: 'IN_FLIGHT' });
  }

  private toRow(record: IdempotencyRecord): IdempotencyRow {
    return {
      _id: record.id,
      fingerprint: record.fingerprint,
      token: record.token,
      state: record.state,
      response: record.response ?? null,
      lockedUntil: record.lockedUntil,
      expiresAt: record.expiresAt,
    };
  }
}
