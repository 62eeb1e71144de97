import { randomUUID } from 'node:crypto';
import { DomainError, notFound } from '../kernel/errors/domain-error.js';
import { sameHash } from '../platform/security/bearer-keys.js';
import { enterpriseKeys } from './api-key.js';
import type { Enterprise, EnterprisePrincipal } from './enterprise.js';
import type { EnterpriseStore } from './enterprise-store.js';
import { PrincipalCache } from './principal-cache.js';

export interface IssuedKey {
  keyId: string;
  /** Shown once: only its hash is stored. */
  apiKey: string;
  createdAt: Date;
}

/** Use cases of enterprises and their API keys. */
export class EnterpriseService {
  private readonly cache: PrincipalCache;
  private readonly now: () => Date;

  constructor(
    private readonly store: EnterpriseStore,
    options: { keyCacheMs?: number; now?: () => Date } = {},
  ) {
    this.cache = new PrincipalCache(options.keyCacheMs ?? 0);
    this.now = options.now ?? (() => new Date());
  }

  async register(input: { taxId: string; name: string }): Promise<{ enterprise: Enterprise; key: IssuedKey }> {
    const enterprise: Enterprise = { id: randomUUID(), taxId: input.taxId, name: input.name, createdAt: this.now() };
    await this.store.createEnterprise(enterprise);
    return { enterprise, key: await this.storeNewKey(enterprise.id) };
  }

  async issueKey(enterpriseId: string): Promise<IssuedKey> {
    if (!(await this.store.findEnterprise(enterpriseId))) throw notFound('The enterprise', 'ENTERPRISE.NOT_FOUND');
    return this.storeNewKey(enterpriseId);
  }

  async revokeKey(enterpriseId: string, keyId: string): Promise<void> {
    if (!(await this.store.revokeApiKey(enterpriseId, keyId, this.now()))) throw notFound('The API key', 'API_KEY.NOT_FOUND');
    this.cache.forgetKey(keyId);
  }

  /** The principal behind a presented key, or undefined when it is unknown, wrong or revoked. */
  async authenticate(presented: string): Promise<EnterprisePrincipal | undefined> {
    const keyId = enterpriseKeys.keyIdOf(presented);
    if (!keyId) return undefined;
    const hash = enterpriseKeys.hash(presented);
    const now = Date.now();
    const cached = this.cache.get(hash, now);
    if (cached) return cached;
    const key = await this.store.findApiKey(keyId);
    if (!key || key.revokedAt || !sameHash(key.hash, hash)) return undefined;
    const principal = { enterpriseId: key.enterpriseId, keyId: key.id };
    this.cache.set(hash, principal, now);
    return principal;
  }

  private async storeNewKey(enterpriseId: string): Promise<IssuedKey> {
    for (let attempt = 1; ; attempt += 1) {
      const generated = enterpriseKeys.generate();
      const createdAt = this.now();
      try {
        await this.store.insertApiKey({ id: generated.keyId, enterpriseId, hash: generated.hash, createdAt });
        return { keyId: generated.keyId, apiKey: generated.secret, createdAt };
      } catch (error) {
        // 72 random bits make a collision practically impossible; one retry covers it anyway.
        if (error instanceof DomainError && error.code === 'API_KEY.ID_COLLISION' && attempt < 3) continue;
        throw error;
      }
    }
  }
}
