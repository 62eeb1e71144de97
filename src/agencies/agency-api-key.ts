import { bearerKeys } from '../platform/security/bearer-keys.js';

/** A stored agency key: only the SHA-256 of the key is kept, under its public key id. */
export interface AgencyKeyRecord {
  id: string;
  agency: string;
  hash: string;
  createdAt: Date;
  revokedAt?: Date;
}

/** Agencies' API keys: `swa_` and 32 random bytes, so an enterprise key can never pass as an agency's. */
export const agencyKeys = bearerKeys('swa_');
