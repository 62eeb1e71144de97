import { AppError } from '../platform/http/app-error.js';
import type { ApiKeyRecord, Enterprise } from './enterprise.js';
import type { EnterpriseStore } from './enterprise-store.js';

/** In-memory EnterpriseStore for fast service tests. */
export class FakeEnterpriseStore implements EnterpriseStore {
  readonly enterprises = new Map<string, Enterprise>();
  readonly keys = new Map<string, ApiKeyRecord>();

  async createEnterprise(enterprise: Enterprise): Promise<void> {
    if ([...this.enterprises.values()].some((e) => e.taxId === enterprise.taxId)) {
      throw new AppError('ENTERPRISE.TAX_ID_TAKEN', 409, `An enterprise with tax code ${enterprise.taxId} is registered already`);
    }
    this.enterprises.set(enterprise.id, { ...enterprise });
  }

  async findEnterprise(id: string): Promise<Enterprise | undefined> {
    const found = this.enterprises.get(id);
    return found && { ...found };
  }

  async insertApiKey(key: ApiKeyRecord): Promise<void> {
    if (this.keys.has(key.id)) throw new AppError('API_KEY.ID_COLLISION', 409, 'The key id exists already');
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
