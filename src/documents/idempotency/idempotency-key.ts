import { malformed } from '../../kernel/errors/domain-error.js';

// The draft defines the header as a Structured Field string; bare tokens are accepted too.
const QUOTED = /^"([\x20-\x21\x23-\x5B\x5D-\x7E]{1,255})"$/;
const BARE = /^[A-Za-z0-9._~:+/=-]{1,255}$/;

/** The key of an `Idempotency-Key` header, undefined without one; 400 when it is malformed. */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  const key = QUOTED.exec(value)?.[1] ?? (BARE.test(value) ? value : undefined);
  if (!key) {
    throw malformed(
      'IDEMPOTENCY.KEY_INVALID',
      'Idempotency-Key must be a string of 1 to 255 printable characters, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324"',
    );
  }
  return key;
}
