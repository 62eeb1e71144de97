import { ERROR_CODES, type ErrorCode } from './error-codes.js';
import type { ErrorKind } from './error-kind.js';

/**
 * The one error type the service raises on purpose. `code` is stable (defined in
 * error-codes.ts), `kind` follows from it and tells the edges how to react, and
 * `details` become extra members of the problem+json body (e.g. `errors[]`).
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.kind = ERROR_CODES[code].kind;
    this.details = options.details ?? {};
  }
}

export const notFound = (what: string, code: ErrorCode = 'RESOURCE.NOT_FOUND') => new DomainError(code, `${what} was not found`);

export const malformed = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, { details });
