import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import { CoalescingInserter } from '../platform/storage/coalescing-inserter.js';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, type TradeDocument } from '../kernel/document-record.js';
import type { DocumentFilter, DocumentStore, DocumentSummary, PagePosition } from './document-store.js';

type DocumentRow = Omit<TradeDocument, 'id'> & { _id: string };

const loose = { _id: false, strict: false } as const;
const historySchema = new Schema({ at: Date, actor: String, from: String, to: String, reason: String }, loose);

// Untyped on purpose: rows are typed at the store boundary, and outbox/routing are other features' shapes.
const documentSchema = new Schema(
  {
    _id: { type: String, required: true },
    reference: { type: String, required: true, unique: true },
    type: { type: String, required: true, enum: DOCUMENT_TYPES },
    schemaVersion: { type: String, required: true },
    enterpriseId: { type: String, required: true },
    status: { type: String, required: true, enum: DOCUMENT_STATUSES },
    // Mixed keeps the canonical JSON as it came, key order included; it is never cast.
    data: { type: Schema.Types.Mixed, required: true },
    sourceFormat: { type: String, required: true, enum: ['json', 'xml'] },
    origin: { type: new Schema({ channel: String, partnerCountry: String, partnerMessageId: String }, { _id: false }), required: true },
    submittedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    history: { type: [historySchema], default: [] },
    // Entries belong to the outbox relay, which updates them with its own operators.
    outbox: { type: [Schema.Types.Mixed], default: [] },
    routing: Schema.Types.Mixed,
    amendments: [Schema.Types.Mixed],
    partnerExchanges: [Schema.Types.Mixed],
    registerEntries: [Schema.Types.Mixed],
    idempotencyToken: String,
  },
  { versionKey: false, strict: true, minimize: false, collection: 'documents' },
);
documentSchema.index({ enterpriseId: 1, submittedAt: -1, _id: -1 });
// Sparse: most documents come without an Idempotency-Key and stay out of this index.
documentSchema.index({ idempotencyToken: 1 }, { unique: true, sparse: true });

const SUMMARY_FIELDS = {
  _id: 1,
  reference: 1,
  type: 1,
  schemaVersion: 1,
  status: 1,
  sourceFormat: 1,
  submittedAt: 1,
  updatedAt: 1,
} as const;

/** DocumentStore on the `documents` collection (`_id` is the document id). */
export class MongoDocumentStore implements DocumentStore {
  private readonly inserter: CoalescingInserter<DocumentRow>;

  private constructor(private readonly documents: Model<DocumentRow>) {
    this.inserter = new CoalescingInserter(documents.collection as unknown as mongo.Collection<DocumentRow>);
  }

  static async create(connection: Connection): Promise<MongoDocumentStore> {
    const documents = connection.model('TradeDocument', documentSchema) as unknown as Model<DocumentRow>;
    await documents.init();
    return new MongoDocumentStore(documents);
  }

  /**
   * Straight to the driver: the row is built field by field from a typed document, so
   * it is as strict as the schema, and mongoose's hydration would clone the whole
   * `data` of a 1000-item declaration only to serialise it again. Submissions that
   * arrive together are written together (CoalescingInserter).
   */
  async insert(document: TradeDocument): Promise<void> {
    const { id, ...rest } = document;
    await this.inserter.insert({ _id: id, ...rest });
  }

  async findOwned(enterpriseId: string, id: string): Promise<TradeDocument | undefined> {
    return toDocument(await this.documents.findOne({ _id: id, enterpriseId }).lean<DocumentRow>());
  }

  async findByIdempotencyToken(enterpriseId: string, token: string): Promise<TradeDocument | undefined> {
    return toDocument(await this.documents.findOne({ idempotencyToken: token, enterpriseId }).lean<DocumentRow>());
  }

  async list(enterpriseId: string, filter: DocumentFilter, page: { after?: PagePosition; limit: number }): Promise<DocumentSummary[]> {
    const query: Record<string, unknown> = { enterpriseId };
    if (filter.type) query.type = filter.type;
    if (filter.status) query.status = filter.status;
    if (filter.submittedFrom || filter.submittedTo) {
      query.submittedAt = {
        ...(filter.submittedFrom ? { $gte: filter.submittedFrom } : {}),
        ...(filter.submittedTo ? { $lt: filter.submittedTo } : {}),
      };
    }
    if (page.after) {
      query.$and = [
        { $or: [{ submittedAt: { $lt: page.after.submittedAt } }, { submittedAt: page.after.submittedAt, _id: { $lt: page.after.id } }] },
      ];
    }
    const rows = await this.documents
      .find(query, SUMMARY_FIELDS)
      .sort({ submittedAt: -1, _id: -1 })
      .limit(page.limit)
      .lean<(Pick<DocumentRow, '_id'> & Omit<DocumentSummary, 'id'>)[]>();
    return rows.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }
}

function toDocument(row: DocumentRow | null): TradeDocument | undefined {
  if (!row) return undefined;
  const { _id, ...rest } = row;
  return { id: _id, ...rest };
}
