import type { DocumentStatus, DocumentType, TradeDocument } from '../kernel/document-record.js';

/** The fields of a document shown in lists: everything but data, history and outbox. */
export type DocumentSummary = Pick<
  TradeDocument,
  'id' | 'reference' | 'type' | 'schemaVersion' | 'status' | 'sourceFormat' | 'submittedAt' | 'updatedAt'
>;

export interface DocumentFilter {
  type?: DocumentType;
  status?: DocumentStatus;
  /** Inclusive lower bound of submittedAt. */
  submittedFrom?: Date;
  /** Exclusive upper bound of submittedAt. */
  submittedTo?: Date;
}

/** Position after which a page starts, newest first: (submittedAt, id) of the last item seen. */
export interface PagePosition {
  submittedAt: Date;
  id: string;
}

/** Persistence of trade documents; implementations return plain objects. */
export interface DocumentStore {
  /**
   * One insert: the document with its routing, history and outbox. A second document
   * with the same `idempotencyToken` is refused with a duplicate key error (code 11000).
   */
  insert(document: TradeDocument): Promise<void>;
  /** The enterprise's document created under this use of an Idempotency-Key. */
  findByIdempotencyToken(enterpriseId: string, token: string): Promise<TradeDocument | undefined>;
  /** The document when it exists and belongs to the enterprise. */
  findOwned(enterpriseId: string, id: string): Promise<TradeDocument | undefined>;
  /** The enterprise's documents matching the filter, newest first, after `after`. */
  list(enterpriseId: string, filter: DocumentFilter, page: { after?: PagePosition; limit: number }): Promise<DocumentSummary[]>;
}

/** Gap-free enough, strictly increasing numbers for human-readable references. */
export interface ReferenceSequence {
  next(scope: string): Promise<number>;
}
