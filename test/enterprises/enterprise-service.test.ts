import { expect } from 'chai';
import { EnterpriseService } from '../../src/enterprises/enterprise-service.js';
import { FakeEnterpriseStore } from '../../src/enterprises/fake-enterprise-store.js';

describe('EnterpriseService (with a fake store)', () => {
  it('trusts a checked key for the cache time, then asks the store again', async () => {
    const store = new FakeEnterpriseStore();
    const service = new EnterpriseService(store, { keyCacheMs: 60_000 });
    const { enterprise, key } = await service.register({ taxId: '0312456789', name: 'Minh Phat Technology Trading JSC' });
    expect(await service.authenticate(key.apiKey)).to.deep.equal({ enterpriseId: enterprise.id, keyId: key.keyId });
    // Revoked by another process: this one keeps trusting its cached answer until it expires.
    store.keys.get(key.keyId)!.revokedAt = new Date();
    expect(await service.authenticate(key.apiKey)).to.deep.equal({ enterpriseId: enterprise.id, keyId: key.keyId });
    const uncached = new EnterpriseService(store, { keyCacheMs: 0 });
    expect(await uncached.authenticate(key.apiKey)).to.equal(undefined);
  });

  it('forgets a cached key at once when this process revokes it', async () => {
    const service = new EnterpriseService(new FakeEnterpriseStore(), { keyCacheMs: 60_000 });
    const { enterprise, key } = await service.register({ taxId: '0401234987', name: 'Da Nang Frozen Foods Co., Ltd.' });
    await service.authenticate(key.apiKey);
    await service.revokeKey(enterprise.id, key.keyId);
    expect(await service.authenticate(key.apiKey)).to.equal(undefined);
  });

  it('does not remember keys it refused, so a key issued a moment later works at once', async () => {
    const store = new FakeEnterpriseStore();
    const service = new EnterpriseService(store, { keyCacheMs: 60_000 });
    const { enterprise } = await service.register({ taxId: '0106789123', name: 'Nguyen Gia Home Appliances Distribution JSC' });
    const fresh = await service.issueKey(enterprise.id);
    expect(await service.authenticate(fresh.apiKey)).to.deep.equal({ enterpriseId: enterprise.id, keyId: fresh.keyId });
    expect(await service.authenticate(`${fresh.apiKey.slice(0, -2)}zz`)).to.equal(undefined);
  });
});
