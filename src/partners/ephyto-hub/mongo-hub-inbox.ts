import { Schema, type Connection, type Model } from 'mongoose';
import type { HubInbox, PulledEnvelope } from './hub-inbox.js';

const pulledSchema = new Schema<PulledEnvelope>(
  {
    hubDeliveryNumber: { type: String, required: true, unique: true },
    from: { type: String, required: true },
    certificateNumber: { type: String },
    certificateStatus: { type: Number, required: true },
    content: { type: String },
    outcome: { type: String, required: true },
    reason: { type: String },
    warnings: { type: [String], required: true },
    data: { type: Schema.Types.Mixed },
    pulledAt: { type: Date, required: true },
    documentId: { type: String },
  },
  { versionKey: false, strict: 'throw', minimize: false },
);
pulledSchema.index({ outcome: 1, documentId: 1 });

const DUPLICATE_KEY = 11000;

/** Pulled envelopes in `ephyto_hub_inbox`; the unique delivery number makes a second pull, even after a restart, a duplicate. */
export class MongoHubInbox implements HubInbox {
  private readonly model: Model<PulledEnvelope>;

  constructor(connection: Connection) {
    this.model =
      (connection.models.HubInboxEnvelope as Model<PulledEnvelope> | undefined) ??
      connection.model<PulledEnvelope>('HubInboxEnvelope', pulledSchema, 'ephyto_hub_inbox');
  }

  async init(): Promise<void> {
    await this.model.init();
  }

  async store(envelope: PulledEnvelope): Promise<boolean> {
    try {
      await this.model.create(envelope);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async find(hubDeliveryNumber: string): Promise<PulledEnvelope | undefined> {
    return (await this.model.findOne({ hubDeliveryNumber }, { _id: 0 }).lean<PulledEnvelope>()) ?? undefined;
  }

  async markSubmitted(hubDeliveryNumber: string, documentId: string): Promise<void> {
    await this.model.updateOne({ hubDeliveryNumber }, { $set: { documentId } });
  }

  async unsubmitted(limit: number): Promise<PulledEnvelope[]> {
    return this.model
      .find({ outcome: 'accepted', documentId: { $exists: false } }, { _id: 0 })
      .sort({ pulledAt: 1 })
      .limit(limit)
      .lean<PulledEnvelope[]>();
  }
}
