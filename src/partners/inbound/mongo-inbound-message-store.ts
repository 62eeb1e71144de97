import { Schema, type Connection, type Model, type QueryFilter } from 'mongoose';
import type { InboundMessage } from './inbound-message.js';
import type { InboundMessageStore } from './inbound-message-store.js';

const schema = new Schema<InboundMessage>(
  {
    id: { type: String, required: true, unique: true },
    from: { type: String, required: true },
    messageId: { type: String, required: true },
    conversationId: { type: String, required: true },
    refToMessageId: String,
    kind: { type: String, required: true },
    profile: { type: String, required: true },
    documentType: { type: String, required: true },
    documentStatus: { type: String, required: true },
    sentAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    digest: { type: String, required: true },
    body: { type: String, required: true },
    receiptXml: { type: String, required: true },
    deliveryStatus: { type: String, required: true },
    data: Schema.Types.Mixed,
    businessResponse: Schema.Types.Mixed,
    state: { type: String, required: true },
    attempts: { type: Number, required: true },
    leaseUntil: { type: Date, required: true },
    lastError: String,
    documentId: String,
    processedAt: Date,
  },
  { versionKey: false, minimize: false },
);
// Duplicate elimination survives restarts and races: the database refuses the second copy.
schema.index({ from: 1, messageId: 1 }, { unique: true });
schema.index({ state: 1, leaseUntil: 1 });

const PROJECTION = { _id: 0 } as const;

export class MongoInboundMessageStore implements InboundMessageStore {
  private readonly model: Model<InboundMessage>;

  constructor(connection: Connection) {
    this.model =
      (connection.models.PartnerInboundMessage as Model<InboundMessage> | undefined) ??
      connection.model<InboundMessage>('PartnerInboundMessage', schema, 'partner_inbound_messages');
  }

  async init(): Promise<void> {
    await this.model.init();
  }

  async insert(message: InboundMessage): Promise<InboundMessage | undefined> {
    try {
      await this.model.create(message);
      return undefined;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      const existing = await this.find(message.from, message.messageId);
      if (!existing) throw error;
      return existing;
    }
  }

  async find(from: string, messageId: string): Promise<InboundMessage | undefined> {
    return (await this.model.findOne({ from, messageId }, PROJECTION).lean<InboundMessage>()) ?? undefined;
  }

  async claim(now: Date, leaseUntil: Date, id?: string): Promise<InboundMessage | undefined> {
    const filter: QueryFilter<InboundMessage> = { state: 'RECEIVED', leaseUntil: { $lte: now }, ...(id ? { id } : {}) };
    const claimed = await this.model
      .findOneAndUpdate(filter, { $set: { leaseUntil }, $inc: { attempts: 1 } }, { returnDocument: 'after', projection: PROJECTION })
      .lean<InboundMessage>();
    return claimed ?? undefined;
  }

  async markProcessed(id: string, documentId: string | undefined, at: Date): Promise<void> {
    await this.model.updateOne(
      { id },
      { $set: { state: 'PROCESSED', processedAt: at, ...(documentId ? { documentId } : {}) }, $unset: { lastError: 1 } },
    );
  }

  async markFailed(id: string, reason: string, retryAt: Date, final: boolean): Promise<void> {
    await this.model.updateOne(
      { id },
      { $set: { lastError: reason.slice(0, 2000), leaseUntil: retryAt, state: final ? 'FAILED' : 'RECEIVED' } },
    );
  }
}
