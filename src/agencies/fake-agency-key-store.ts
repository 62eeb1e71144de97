import { DomainError } from '../kernel/errors/domain-error.js';
import type { AgencyKeyRecord } from './agency-api-key.js';
import type { AgencyKeyStore } from './agency-key-store.js';

/** In-memory AgencyKeyStore for fast service tests. */
export class FakeAgencyKeyStore implements AgencyKeyStore {
  private readonly keys = new Map<string, AgencyKeyRecord>();

  async insert(key: AgencyKeyRecord): Promise<void> {
    if (this.keys.has(key.id)) throw new DomainError('API_KEY.ID_COLLISION', 'The key id exists already');
    this.keys.set(key.id, { ...key });
  }

  async find(keyId: string): Promise<AgencyKeyRecord | undefined> {
    const key = this.keys.get(keyId);
    return key && { ...key };
  }

  async list(agency: string): Promise<AgencyKeyRecord[]> {
    return [...this.keys.values()].filter((key) => key.agency === agency).map((key) => ({ ...key }));
  }

  async revoke(agency: string, keyId: string, at: Date): Promise<boolean> {
    const key = this.keys.get(keyId);
    if (!key || key.agency !== agency) return false;
    key.revokedAt ??= at;
    return true;
  }
}
