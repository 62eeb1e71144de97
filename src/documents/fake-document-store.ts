import type { TradeDocument } from '../kernel/document-record.js';
import type { DocumentFilter, DocumentStore, DocumentSummary, PagePosition, ReferenceSequence } from './document-store.js';

/** In-memory DocumentStore and ReferenceSequence for fast service tests. */
export class FakeDocumentStore implements DocumentStore, ReferenceSequence {
  readonly documents = new Map<string, TradeDocument>();
  private readonly counters = new Map<string, number>();

  async insert(document: TradeDocument): Promise<void> {
    const stored = [...this.documents.values()];
    const sameToken = (d: TradeDocument) => document.idempotencyToken !== undefined && d.idempotencyToken === document.idempotencyToken;
    if (this.documents.has(document.id) || stored.some((d) => d.reference === document.reference || sameToken(d))) {
      throw Object.assign(new Error('duplicate key'), { code: 11000 });
    }
    this.documents.set(document.id, structuredClone(document));
  }

  async findOwned(enterpriseId: string, id: string): Promise<TradeDocument | undefined> {
    const document = this.documents.get(id);
    return document && document.enterpriseId === enterpriseId ? structuredClone(document) : undefined;
  }

  async findByIdempotencyToken(enterpriseId: string, token: string): Promise<TradeDocument | undefined> {
    const document = [...this.documents.values()].find((d) => d.enterpriseId === enterpriseId && d.idempotencyToken === token);
    return document && structuredClone(document);
  }

  async list(enterpriseId: string, filter: DocumentFilter, page: { after?: PagePosition; limit: number }): Promise<DocumentSummary[]> {
    const after = page.after;
    return [...this.documents.values()]
      .filter((d) => d.enterpriseId === enterpriseId)
      .filter((d) => (!filter.type || d.type === filter.type) && (!filter.status || d.status === filter.status))
      .filter(
        (d) =>
          (!filter.submittedFrom || d.submittedAt >= filter.submittedFrom) && (!filter.submittedTo || d.submittedAt < filter.submittedTo),
      )
      .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || (a.id < b.id ? 1 : -1))
      .filter(
        (d) => !after || d.submittedAt < after.submittedAt || (d.submittedAt.getTime() === after.submittedAt.getTime() && d.id < after.id),
      )
      .slice(0, page.limit)
      .map(({ id, reference, type, schemaVersion, status, sourceFormat, submittedAt, updatedAt }) => ({
        id,
        reference,
        type,
        schemaVersion,
        status,
        sourceFormat,
        submittedAt,
        updatedAt,
      }));
  }

  async next(scope: string): Promise<number> {
    const next = (this.counters.get(scope) ?? 0) + 1;
    this.counters.set(scope, next);
    return next;
  }
}
