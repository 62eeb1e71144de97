import type { AgencyKeyRecord } from './agency-api-key.js';

/** Persistence of agency API keys; implementations return plain objects. */
export interface AgencyKeyStore {
  /** Throws DomainError `API_KEY.ID_COLLISION` when the key id exists (practically never). */
  insert(key: AgencyKeyRecord): Promise<void>;
  find(keyId: string): Promise<AgencyKeyRecord | undefined>;
  list(agency: string): Promise<AgencyKeyRecord[]>;
  /** Marks the key revoked (the first time counts); false when the agency has no such key. */
  revoke(agency: string, keyId: string, at: Date): Promise<boolean>;
}
