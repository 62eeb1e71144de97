import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Characters of the random part that double as the key's public id (72 bits). */
const KEY_ID_LENGTH = 12;

export interface NewBearerKey {
  keyId: string;
  /** The full key, shown once and never stored. */
  secret: string;
  hash: string;
}

/**
 * API keys for machines: a prefix naming whose key it is (`swk_` enterprises,
 * `swa_` agencies, so a leaked key says at a glance whose it is and one kind never
 * passes as the other) and 32 random bytes (base64url). A fast hash (SHA-256) is
 * the right choice here: the key carries 256 bits of entropy, so there is nothing
 * for a slow password hash to protect against, and each request stays cheap.
 */
export function bearerKeys(prefix: string) {
  const shape = new RegExp(`^${prefix}[A-Za-z0-9_-]{43}$`);
  const keyIdOf = (secret: string): string | undefined =>
    shape.test(secret) ? secret.slice(prefix.length, prefix.length + KEY_ID_LENGTH) : undefined;
  return {
    generate(): NewBearerKey {
      const secret = prefix + randomBytes(32).toString('base64url');
      return { keyId: keyIdOf(secret)!, secret, hash: hashKey(secret) };
    },
    /** The public key id of a well-formed key, or undefined for anything else. */
    keyIdOf,
    hash: hashKey,
  };
}

/** Compares two key hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
