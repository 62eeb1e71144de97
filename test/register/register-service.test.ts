import { expect } from 'chai';
import type { TradeDocument } from '../../src/kernel/document-record.js';
import { entryFromDocument } from '../../src/register/entry-from-document.js';
import { FakeRegisterStore } from '../../src/register/fake-register-store.js';
import { RegisterService } from '../../src/register/register-service.js';
import { submittedDocument } from '../routing/support/routing-kit.js';
import { declarationCiting, tShirtLicenceApplication } from './support/register-kit.js';

/** An approved licence application as the decisions leave it: MOIT approved with this permit. */
function approvedLicence(permitNumber: string, kilograms: number): TradeDocument {
  const document = submittedDocument('licence-application', tShirtLicenceApplication(kilograms));
  return {
    ...document,
    status: 'APPROVED',
    routing: {
      ruleSetVersion: '2025-01',
      registryVersion: '1',
      plannedAt: new Date(),
      agencies: [{ agency: 'MOIT', rules: ['licence-application-review'], status: 'APPROVED', dispatches: 1, permitNumber, decisions: [] }],
    },
  };
}

describe('RegisterService (fake store)', () => {
  const setUp = async () => {
    const store = new FakeRegisterStore();
    const register = new RegisterService(store, '2025-07-01');
    await register.issue(approvedLicence('1001/GPNK-BCT', 60_000));
    await register.issue(approvedLicence('1002/GPNK-BCT', 12_000));
    const [roomy, tight] = ['1001/GPNK-BCT', '1002/GPNK-BCT'].map((n) => [...store.entries.values()].find((e) => e.number === n)!);
    return { store, register, roomy: roomy!, tight: tight! };
  };
  const declaration = () => {
    const data = declarationCiting('1002/GPNK-BCT', (d) => {
      d.additionalDocuments = [{ category: 'LICENCE', referenceNumber: '1001/GPNK-BCT', issuingAgency: 'MOIT' }];
      (d.goodsItems as Record<string, unknown>[])[1]!.quantity = { value: 100, unit: 'H87' };
    });
    return { ...submittedDocument('customs-declaration', data), status: 'APPROVED' as const };
  };

  it('issues an entry once, however often the approval is settled', async () => {
    const { store, register } = await setUp();
    await register.issue(approvedLicence('1001/GPNK-BCT', 60_000));
    expect([...store.entries.values()].filter((e) => e.number === '1001/GPNK-BCT')).to.have.length(1);
    expect(
      entryFromDocument({ ...approvedLicence('1003/GPNK-BCT', 1), origin: { channel: 'partner', partnerCountry: 'TH' } }, new Date()),
    ).to.equal(undefined);
  });

  it('undoes the first licence’s draw with a reversal when the second is taken between the read and the draw', async () => {
    const { store, register, roomy, tight } = await setUp();
    const rival = declaration();
    const loser = declaration();
    // The rival's draw lands on the tight licence just after the loser's draw on the roomy one.
    const draw = store.draw.bind(store);
    let raced = false;
    store.draw = async (id, movement) => {
      if (id === tight.id && movement.declarationId === loser.id && !raced) {
        raced = true;
        expect(await register.take(rival)).to.deep.equal({});
      }
      return draw(id, movement);
    };
    const outcome = await register.take(loser);
    expect(outcome.refusal).to.contain('1002/GPNK-BCT');
    const after = (await store.get(roomy.id))!;
    expect(after.goods.map((g) => g.remainingThousandths)).to.deep.equal([48_000_000, 400_000]);
    expect(after.movements.filter((m) => m.declarationId === loser.id).map((m) => m.kind)).to.deep.equal(['DRAW', 'REVERSAL']);
    expect(after.activeDraws).to.have.keys([rival.id]);
    // Giving back again, or taking again for the rival (a redelivered approval), changes nothing.
    await register.giveBack(loser);
    expect(await register.take(rival)).to.deep.equal({});
    expect((await store.get(roomy.id))!.movements).to.have.length(after.movements.length);
  });

  it('refuses to amend a granted quantity below what is drawn', async () => {
    const { register, roomy } = await setUp();
    await register.take(declaration());
    const error = await register
      .amend('MOIT', roomy.id, { goods: [{ line: 1, quantity: 10_000 }], reason: 'quota cut' })
      .catch((e: unknown) => e);
    expect(error).to.have.property('code', 'REGISTER.BELOW_DRAWN');
    const amended = await register.amend('MOIT', roomy.id, {
      goods: [{ line: 1, quantity: 30_000 }],
      validTo: '2025-09-30',
      reason: 'quota cut',
    });
    expect(amended.goods[0]).to.include({ grantedThousandths: 30_000_000, remainingThousandths: 18_000_000 });
    expect(amended.validTo).to.equal('2025-09-30');
  });
});
