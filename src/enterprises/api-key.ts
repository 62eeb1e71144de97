import { bearerKeys } from '../platform/security/bearer-keys.js';

/** Enterprises' API keys: `swk_` and 32 random bytes; only the SHA-256 is stored. */
export const enterpriseKeys = bearerKeys('swk_');
