import { DomainError, notFound } from '../kernel/errors/domain-error.js';
import { agencyKeys } from './agency-api-key.js';
import { sameHash } from '../platform/security/bearer-keys.js';
import type { AgencyKeyStore } from './agency-key-store.js';
import type { AgencyRegistry } from './agency-registry.js';

export interface IssuedAgencyKey {
  keyId: string;
  agency: string;
  /** Shown once: only its hash is stored. */
  apiKey: string;
  createdAt: Date;
}

export interface AgencyPrincipal {
  agency: string;
  keyId: string;
}

/** Use cases of agency API keys: issue, list, revoke, authenticate. */
export class AgencyKeyService {
  constructor(
    private readonly registry: AgencyRegistry,
    private readonly store: AgencyKeyStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async issue(agency: string): Promise<IssuedAgencyKey> {
    this.requireAgency(agency);
    for (let attempt = 1; ; attempt += 1) {
      const generated = agencyKeys.generate();
      const createdAt = this.now();
      try {
        await this.store.insert({ id: generated.keyId, agency, hash: generated.hash, createdAt });
        return { keyId: generated.keyId, agency, apiKey: generated.secret, createdAt };
      } catch (error) {
        if (error instanceof DomainError && error.code === 'API_KEY.ID_COLLISION' && attempt < 3) continue;
        throw error;
      }
    }
  }

  async list(agency: string) {
    this.requireAgency(agency);
    const keys = await this.store.list(agency);
    return keys.map(({ id, createdAt, revokedAt }) => ({ keyId: id, agency, createdAt, ...(revokedAt ? { revokedAt } : {}) }));
  }

  async revoke(agency: string, keyId: string): Promise<void> {
    this.requireAgency(agency);
    if (!(await this.store.revoke(agency, keyId, this.now()))) throw notFound('The API key', 'API_KEY.NOT_FOUND');
  }

  /** The agency behind a presented key, or undefined when it is unknown, wrong or revoked. */
  async authenticate(presented: string): Promise<AgencyPrincipal | undefined> {
    const keyId = agencyKeys.keyIdOf(presented);
    if (!keyId) return undefined;
    const key = await this.store.find(keyId);
    if (!key || key.revokedAt || !sameHash(key.hash, agencyKeys.hash(presented))) return undefined;
    return { agency: key.agency, keyId: key.id };
  }

  private requireAgency(code: string): void {
    if (!this.registry.has(code)) throw notFound(`Agency ${code.slice(0, 40)}`, 'AGENCY.NOT_FOUND');
  }
}
