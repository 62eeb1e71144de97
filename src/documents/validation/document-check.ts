import type { DocumentType, TradeDocument } from '../../kernel/document-record.js';
import type { ValidationIssue } from '../../kernel/validation-issue.js';

/**
 * A check that needs the store (the register of issued licences), run by the
 * intake once the schema and the business rules found nothing wrong.
 */
export interface DocumentCheck {
  issues(type: DocumentType, data: Record<string, unknown>): Promise<ValidationIssue[]>;
  /** Fields stored with an accepted document, owned by the check's feature (the entries it cites, as of now). */
  fields?(type: DocumentType, data: Record<string, unknown>): Promise<Partial<Pick<TradeDocument, 'registerEntries'>>>;
}
