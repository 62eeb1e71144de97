import type { DocumentOrigin, DocumentType } from '../../kernel/document-record.js';
import type { DocumentService } from '../../documents/document-service.js';
import type { ValidationIssue } from '../../kernel/validation-issue.js';

/**
 * What the partner exchange needs from the document intake: the same checks and
 * the same store-and-route as an enterprise submission. Wired in src/features.ts.
 */
export interface InboundDocumentIntake {
  /** Schema and business-rule problems of a canonical document; empty when it would be accepted. */
  check(type: DocumentType, data: Record<string, unknown>): Promise<ValidationIssue[]>;
  submit(input: {
    enterpriseId: string;
    type: DocumentType;
    data: Record<string, unknown>;
    sourceFormat: 'xml';
    origin: DocumentOrigin;
  }): Promise<{ id: string }>;
}

/**
 * Inbound partner documents belong to the partner channel, not to an enterprise:
 * no API key authenticates as this owner, so enterprises never see them through
 * the documents API, while routing sends them to the agencies like any submission.
 */
export const partnerOwner = (country: string) => `partner:${country}`;

/** The intake's DocumentService seen through this port: its validation of XML-sourced data, and its submit. */
export function documentServiceIntake(service: Pick<DocumentService, 'validate' | 'submit'>): InboundDocumentIntake {
  return {
    check: async (type, data) => service.validate(type, data, 'xml').issues,
    submit: (input) => service.submit(input),
  };
}
