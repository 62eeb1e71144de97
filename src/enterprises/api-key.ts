import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'swk_';
/** Characters of the random part that double as the key's public id (72 bits). */
const KEY_ID_LENGTH = 12;
const KEY_SHAPE = /^swk_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  keyId: string;
  /** The full key, shown to the enterprise once and never stored. */
  secret: string;
  hash: string;
}

/**
 * A key is `swk_` + 32 random bytes (base64url). A fast hash (SHA-256) is the right
 * choice here: the key carries 256 bits of entropy, so there is nothing for a slow
 * password hash to protect against, and authentication stays cheap on every request.
 */
export function generateApiKey(): NewApiKey {
  const secret = PREFIX + randomBytes(32).toString('base64url');
  return { keyId: keyIdOf(secret)!, secret, hash: hashApiKey(secret) };
}

/** The public key id of a well-formed key, or undefined for anything else. */
export function keyIdOf(secret: string): string | undefined {
  if (!KEY_SHAPE.test(secret)) return undefined;
  return secret.slice(PREFIX.length, PREFIX.length + KEY_ID_LENGTH);
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
