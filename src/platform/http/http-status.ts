import type { ErrorKind } from '../../kernel/errors/error-kind.js';

/** The one mapping from error kinds to HTTP statuses. */
export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  malformed: 400,
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  transient: 503,
  internal: 500,
  'too-large': 413,
  'unsupported-media-type': 415,
  'not-acceptable': 406,
  'rate-limited': 429,
  timeout: 408,
};
