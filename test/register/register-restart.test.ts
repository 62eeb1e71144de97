import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestService } from '../support/test-service.js';
import { declarationCiting, registerActors, tShirtLicenceApplication } from './support/register-kit.js';

describe('the register survives a restart', function () {
  this.timeout(120_000);
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sw-register-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps entries, balances and movements on the same DATA_DIR, and goes on drawing from what is left', async () => {
    const first = await startTestService({ dataDir, storeFsync: 'always' });
    let entryId: string;
    let permit: string;
    let enterpriseKey: string;
    try {
      const actors = await registerActors(first.url);
      const issued = await actors.issueLicence(tShirtLicenceApplication(24_000));
      ({ id: entryId, number: permit } = issued.entry);
      enterpriseKey = actors.enterprise.apiKey;
      const lodged = await actors.lodge(declarationCiting(permit));
      expect((await actors.approveAsCustoms(lodged.body.id as string)).status).to.equal(201);
    } finally {
      await first.stop();
    }

    const second = await startTestService({ dataDir, storeFsync: 'never' });
    try {
      const actors = await registerActors(second.url);
      const kept = await actors.entryByNumber(permit);
      expect(kept.id).to.equal(entryId);
      expect(kept.goods[0]).to.include({ granted: 24_000, remaining: 12_000 });
      expect(kept.movements.map((m) => m.kind)).to.deep.equal(['DRAW']);

      // The holder's key survived too; a declaration of another 12 000 kg fits, a third does not.
      const lodge = (data: Record<string, unknown>) => actors.lodge(data).set('Authorization', `Bearer ${enterpriseKey}`);
      const fits = await lodge(declarationCiting(permit));
      expect(fits.status, JSON.stringify(fits.body)).to.equal(202);
      expect((await actors.approveAsCustoms(fits.body.id as string)).status).to.equal(201);
      const over = await lodge(declarationCiting(permit));
      expect(over.status).to.equal(422);
      expect(over.body.errors[0].code).to.equal('REGISTER_REF.BALANCE_EXCEEDED');
    } finally {
      await second.stop();
    }
  });
});
