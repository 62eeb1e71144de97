import { DomainError } from '../kernel/errors/domain-error.js';
import type { ApiKeyRecord, Enterprise } from './enterprise.js';
import type { EnterpriseStore } from './enterprise-store.js';

/** In-memory EnterpriseStore for fast service tests. */
export class FakeEnterpriseStore implements EnterpriseStore {
  readonly enterprises = new Map<string, Enterprise>();
  readonly keys = new Map<string, ApiKeyRecord>();

  async createEnterprise(enterprise: Enterprise): Promise<void> {
    if ([...this.enterprises.values()].some((e) => e.taxId === enterprise.taxId)) {
      throw new DomainError('ENTERPRISE.TAX_ID_TAKEN', `An enterprise with tax code ${enterprise.taxId} is registered already`);
    }
    this.enterprises.set(enterprise.id, { ...enterprise });
  }

  async findEnterprise(id: string): Promise<Enterprise | undefined> {
    const found = this.enterprises.get(id);
    return found && { ...found };
  }

  async insertApiKey(key: ApiKeyRecord): Promise<void> {
    if (this.keys.has(key.id)) throw new DomainError('API_KEY.ID_COLLISION', 'The key id exists already');
    this.keys.set(key.id, { ...key });
  }

  async findApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    const found = this.keys.get(keyId);
    return found && { ...found };
  }

  async revokeApiKey(enterpriseId: string, keyId: string, at: Date): Promise<boolean> {
    const key = this.keys.get(keyId);
    if (!key || key.enterpriseId !== enterpriseId) return false;
    key.revokedAt ??= at;
    return true;
  }
}
