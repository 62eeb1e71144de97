import type { FormatWarning } from './foreign-xml-format.js';
import { DomainError } from './errors/domain-error.js';

/** One thing wrong with a submitted document, located by JSON Pointer (and XML path for XML input). */
export interface ValidationIssue {
  pointer: string;
  xmlPath?: string;
  code: string;
  message: string;
}

/** The error for a document that failed validation (422 over HTTP). */
/** `formatProblems`: what a foreign format's own schema said of the XML (an SPSCertificate's D17A problems), beside the canonical issues. */
export function validationFailed(issues: ValidationIssue[], truncated = false, formatProblems?: readonly FormatWarning[]): DomainError {
  const count = issues.length;
  return new DomainError(
    'VALIDATION.FAILED',
    `The document is not valid: ${count}${truncated ? ' or more' : ''} problem${count === 1 ? '' : 's'}`,
    {
      details: { errors: issues, ...(truncated ? { errorsTruncated: true } : {}), ...(formatProblems?.length ? { formatProblems } : {}) },
    },
  );
}
