import { randomBytes } from 'node:crypto';
import { hashApiKey } from '../enterprises/api-key.js';

const PREFIX = 'swa_';
const KEY_ID_LENGTH = 12;
const KEY_SHAPE = /^swa_[A-Za-z0-9_-]{43}$/;

/** A stored agency key: only the SHA-256 of the key is kept, under its public key id. */
export interface AgencyKeyRecord {
  id: string;
  agency: string;
  hash: string;
  createdAt: Date;
  revokedAt?: Date;
}

/**
 * Agency keys follow the enterprise keys' design (256 random bits, SHA-256 stored)
 * with their own prefix, so a leaked key says at a glance whose it is and an
 * enterprise key can never pass as an agency's.
 */
export function generateAgencyKey(): { keyId: string; secret: string; hash: string } {
  const secret = PREFIX + randomBytes(32).toString('base64url');
  return { keyId: agencyKeyIdOf(secret)!, secret, hash: hashApiKey(secret) };
}

export function agencyKeyIdOf(secret: string): string | undefined {
  if (!KEY_SHAPE.test(secret)) return undefined;
  return secret.slice(PREFIX.length, PREFIX.length + KEY_ID_LENGTH);
}
