import { Schema, type Connection, type Model } from 'mongoose';
import { DomainError } from '../kernel/errors/domain-error.js';
import type { ApiKeyRecord, Enterprise } from './enterprise.js';
import type { EnterpriseStore } from './enterprise-store.js';

interface EnterpriseRow {
  _id: string;
  taxId: string;
  name: string;
  createdAt: Date;
}

interface ApiKeyRow {
  _id: string;
  enterpriseId: string;
  hash: string;
  createdAt: Date;
  revokedAt?: Date | null;
}

const enterpriseSchema = new Schema<EnterpriseRow>(
  {
    _id: { type: String, required: true },
    taxId: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: true },
);

const apiKeySchema = new Schema<ApiKeyRow>(
  {
    _id: { type: String, required: true },
    enterpriseId: { type: String, required: true, index: true },
    hash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false, strict: true },
);

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/** EnterpriseStore on the `enterprises` and `api_keys` collections. */
export class MongoEnterpriseStore implements EnterpriseStore {
  private constructor(
    private readonly enterprises: Model<EnterpriseRow>,
    private readonly keys: Model<ApiKeyRow>,
  ) {}

  /** Builds the models on the given connection and waits for their indexes (the unique tax code). */
  static async create(connection: Connection): Promise<MongoEnterpriseStore> {
    const enterprises = connection.model<EnterpriseRow>('Enterprise', enterpriseSchema, 'enterprises');
    const keys = connection.model<ApiKeyRow>('ApiKey', apiKeySchema, 'api_keys');
    await Promise.all([enterprises.init(), keys.init()]);
    return new MongoEnterpriseStore(enterprises, keys);
  }

  async createEnterprise(enterprise: Enterprise): Promise<void> {
    try {
      await this.enterprises.create({
        _id: enterprise.id,
        taxId: enterprise.taxId,
        name: enterprise.name,
        createdAt: enterprise.createdAt,
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new DomainError('ENTERPRISE.TAX_ID_TAKEN', `An enterprise with tax code ${enterprise.taxId} is registered already`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async findEnterprise(id: string): Promise<Enterprise | undefined> {
    const row = await this.enterprises.findById(id).lean<EnterpriseRow>();
    return row ? { id: row._id, taxId: row.taxId, name: row.name, createdAt: row.createdAt } : undefined;
  }

  async insertApiKey(key: ApiKeyRecord): Promise<void> {
    try {
      await this.keys.create({ _id: key.id, enterpriseId: key.enterpriseId, hash: key.hash, createdAt: key.createdAt });
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('API_KEY.ID_COLLISION', 'The key id exists already', { cause: error });
      throw error;
    }
  }

  async findApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.keys.findById(keyId).lean<ApiKeyRow>();
    if (!row) return undefined;
    return {
      id: row._id,
      enterpriseId: row.enterpriseId,
      hash: row.hash,
      createdAt: row.createdAt,
      ...(row.revokedAt ? { revokedAt: row.revokedAt } : {}),
    };
  }

  async revokeApiKey(enterpriseId: string, keyId: string, at: Date): Promise<boolean> {
    // The first revocation time is kept: revoking twice is not an error and changes nothing.
    const updated = await this.keys.updateOne({ _id: keyId, enterpriseId, revokedAt: null }, { $set: { revokedAt: at } });
    if (updated.matchedCount === 1) return true;
    return (await this.keys.exists({ _id: keyId, enterpriseId })) !== null;
  }
}
