import type { ApiKeyRecord, Enterprise } from './enterprise.js';

/** Persistence of enterprises and their API keys; implementations return plain objects. */
export interface EnterpriseStore {
  /** Throws DomainError `ENTERPRISE.TAX_ID_TAKEN` (409) when the tax code is registered already. */
  createEnterprise(enterprise: Enterprise): Promise<void>;
  findEnterprise(id: string): Promise<Enterprise | undefined>;
  /** Throws DomainError `API_KEY.ID_COLLISION` when the key id exists (practically never). */
  insertApiKey(key: ApiKeyRecord): Promise<void>;
  findApiKey(keyId: string): Promise<ApiKeyRecord | undefined>;
  /** Marks the key revoked; false when the enterprise has no such key. */
  revokeApiKey(enterpriseId: string, keyId: string, at: Date): Promise<boolean>;
}
