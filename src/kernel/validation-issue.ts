import { AppError } from '../platform/http/app-error.js';

/** One thing wrong with a submitted document, located by JSON Pointer (and XML path for XML input). */
export interface ValidationIssue {
  pointer: string;
  xmlPath?: string;
  code: string;
  message: string;
}

/** The 422 answer for a document that failed validation. */
export function validationFailed(issues: ValidationIssue[], truncated = false): AppError {
  const count = issues.length;
  return new AppError('VALIDATION.FAILED', 422, `The document is not valid: ${count}${truncated ? ' or more' : ''} problem${count === 1 ? '' : 's'}`, {
    extensions: { errors: issues, ...(truncated ? { errorsTruncated: true } : {}) },
  });
}
