import { Schema, type Connection, type Model } from 'mongoose';
import type { Partner } from './partner.js';
import type { PartnerDirectoryStore } from './partner-directory-store.js';

interface PartnerRow extends Partner {
  updatedAt: Date;
}

const partnerSchema = new Schema<PartnerRow>(
  {
    country: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    profile: { type: String, required: true },
    gatewayUrl: { type: String, required: true },
    sends: { type: [String], required: true },
    receives: { type: [String], required: true },
    certificate: { type: String },
    channel: { type: String },
    documentChannels: { type: Schema.Types.Mixed },
    retryPolicy: {
      maxAttempts: { type: Number, required: true },
      initialDelayMs: { type: Number, required: true },
      maxDelayMs: { type: Number, required: true },
      multiplier: { type: Number, required: true },
    },
    enabled: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);

export class MongoPartnerDirectoryStore implements PartnerDirectoryStore {
  private readonly model: Model<PartnerRow>;

  constructor(connection: Connection) {
    this.model =
      (connection.models.Partner as Model<PartnerRow> | undefined) ?? connection.model<PartnerRow>('Partner', partnerSchema, 'partners');
  }

  async init(): Promise<void> {
    await this.model.init();
  }

  async list(): Promise<Partner[]> {
    const rows = await this.model.find({}, { _id: 0, updatedAt: 0 }).sort({ country: 1 }).lean<Partner[]>();
    return rows.map(toPartner);
  }

  async find(country: string): Promise<Partner | undefined> {
    const row = await this.model.findOne({ country }, { _id: 0, updatedAt: 0 }).lean<Partner>();
    return row ? toPartner(row) : undefined;
  }

  async seed(partners: Partner[]): Promise<void> {
    if (partners.length === 0) return;
    await this.model.bulkWrite(
      partners.map((partner) => ({
        updateOne: { filter: { country: partner.country }, update: { $setOnInsert: { ...partner, updatedAt: new Date() } }, upsert: true },
      })),
      { ordered: false },
    );
  }

  async put(partner: Partner): Promise<boolean> {
    const result = await this.model.replaceOne({ country: partner.country }, { ...partner, updatedAt: new Date() }, { upsert: true });
    return result.upsertedCount > 0;
  }
}

function toPartner(row: Partner): Partner {
  const { certificate, channel, documentChannels, ...rest } = row;
  return {
    ...rest,
    ...(channel ? { channel } : {}),
    ...(documentChannels && Object.keys(documentChannels).length > 0 ? { documentChannels: { ...documentChannels } } : {}),
    sends: [...row.sends],
    receives: [...row.receives],
    retryPolicy: { ...row.retryPolicy },
    ...(certificate ? { certificate } : {}),
  };
}
