import { Schema, type Connection, type Model } from 'mongoose';
import { DomainError } from '../kernel/errors/domain-error.js';
import type { AgencyKeyRecord } from './agency-api-key.js';
import type { AgencyKeyStore } from './agency-key-store.js';

interface AgencyKeyRow {
  _id: string;
  agency: string;
  hash: string;
  createdAt: Date;
  revokedAt?: Date | null;
}

const agencyKeySchema = new Schema<AgencyKeyRow>(
  {
    _id: { type: String, required: true },
    agency: { type: String, required: true, index: true },
    hash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false, strict: true },
);

const toRecord = (row: AgencyKeyRow): AgencyKeyRecord => ({
  id: row._id,
  agency: row.agency,
  hash: row.hash,
  createdAt: row.createdAt,
  ...(row.revokedAt ? { revokedAt: row.revokedAt } : {}),
});

/** AgencyKeyStore on the `agency_api_keys` collection. */
export class MongoAgencyKeyStore implements AgencyKeyStore {
  private constructor(private readonly keys: Model<AgencyKeyRow>) {}

  static async create(connection: Connection): Promise<MongoAgencyKeyStore> {
    const keys = connection.model<AgencyKeyRow>('AgencyApiKey', agencyKeySchema, 'agency_api_keys');
    await keys.init();
    return new MongoAgencyKeyStore(keys);
  }

  async insert(key: AgencyKeyRecord): Promise<void> {
    try {
      await this.keys.create({ _id: key.id, agency: key.agency, hash: key.hash, createdAt: key.createdAt });
    } catch (error) {
      if ((error as { code?: number }).code === 11000)
        throw new DomainError('API_KEY.ID_COLLISION', 'The key id exists already', { cause: error });
      throw error;
    }
  }

  async find(keyId: string): Promise<AgencyKeyRecord | undefined> {
    const row = await this.keys.findById(keyId).lean<AgencyKeyRow>();
    return row ? toRecord(row) : undefined;
  }

  async list(agency: string): Promise<AgencyKeyRecord[]> {
    const rows = await this.keys.find({ agency }).sort({ createdAt: 1 }).limit(1000).lean<AgencyKeyRow[]>();
    return rows.map(toRecord);
  }

  async revoke(agency: string, keyId: string, at: Date): Promise<boolean> {
    const updated = await this.keys.updateOne({ _id: keyId, agency, revokedAt: null }, { $set: { revokedAt: at } });
    if (updated.matchedCount === 1) return true;
    return (await this.keys.exists({ _id: keyId, agency })) !== null;
  }
}
