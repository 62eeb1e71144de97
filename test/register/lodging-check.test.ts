import { expect } from 'chai';
import { startTestService } from '../support/test-service.js';
import { declarationCiting, registerActors, tShirtLicenceApplication } from './support/register-kit.js';

const CITING = '/goodsItems/0/additionalDocuments/0/referenceNumber';

describe('a declaration citing a licence of the register is checked when lodged', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let actors: Awaited<ReturnType<typeof registerActors>>;
  let permit: string;

  before(async () => {
    service = await startTestService();
    actors = await registerActors(service.url);
    ({ permitNumber: permit } = await actors.issueLicence(tShirtLicenceApplication(60_000)));
  });

  after(async () => {
    await service?.stop();
  });

  const refusedWith = async (data: Record<string, unknown>, code: string, path?: string) => {
    const response = await actors.lodge(data, path);
    expect(response.status, JSON.stringify(response.body)).to.equal(422);
    expect(response.body.code).to.equal('VALIDATION.FAILED');
    const issues = response.body.errors as { code: string; pointer: string; message: string }[];
    expect(issues.map((i) => i.code)).to.deep.equal([code]);
    expect(issues[0]!.pointer).to.equal(CITING);
    return issues[0]!;
  };

  it('accepts a declaration within the licence: holder, date, goods and quantity all fit', async () => {
    const response = await actors.lodge(declarationCiting(permit));
    expect(response.status, JSON.stringify(response.body)).to.equal(202);
  });

  it('refuses a number MOIT never issued through the window (REGISTER_REF.NOT_FOUND)', async () => {
    const issue = await refusedWith(declarationCiting('99999/GPNK-BCT'), 'REGISTER_REF.NOT_FOUND');
    expect(issue.message).to.contain('99999/GPNK-BCT');
  });

  it('keeps a paper licence issued before the register started as a reference', async () => {
    const paper = declarationCiting('01275/GPNK-BCT', (d) => {
      const cited = ((d.goodsItems as Record<string, unknown>[])[0]!.additionalDocuments as Record<string, unknown>[])[0]!;
      cited.issueDate = '2024-11-02';
    });
    expect((await actors.lodge(paper)).status).to.equal(202);
  });

  it('refuses a licence that expired before the declaration date (REGISTER_REF.NOT_VALID_ON_DATE)', async () => {
    const { permitNumber } = await actors.issueLicence(tShirtLicenceApplication(60_000, { from: '2024-01-01', to: '2024-12-31' }));
    const issue = await refusedWith(declarationCiting(permitNumber), 'REGISTER_REF.NOT_VALID_ON_DATE');
    expect(issue.message).to.contain('2024-12-31');
  });

  it('refuses a licence held by neither the importer nor the exporter (REGISTER_REF.HOLDER_MISMATCH)', async () => {
    const otherImporter = declarationCiting(permit, (d) => {
      d.importer = { ...(d.importer as object), name: 'Saigon Laptop Trading Co., Ltd.', taxId: '0319876543' };
    });
    await refusedWith(otherImporter, 'REGISTER_REF.HOLDER_MISMATCH');
  });

  it('refuses goods whose HS code the licence does not cover (REGISTER_REF.GOODS_NOT_COVERED)', async () => {
    const laptops = declarationCiting(permit, (d) => {
      Object.assign((d.goodsItems as Record<string, unknown>[])[0]!, { hsCode: '84713020', description: 'Laptop computers, 14 inch' });
    });
    const issue = await refusedWith(laptops, 'REGISTER_REF.GOODS_NOT_COVERED');
    expect(issue.message).to.contain('84713020');
  });

  it('refuses a quantity beyond the remaining balance, in the licence’s unit (REGISTER_REF.BALANCE_EXCEEDED)', async () => {
    const tooMuch = declarationCiting(permit, (d) => {
      (d.goodsItems as Record<string, unknown>[])[0]!.quantity = { value: 61, unit: 'TNE' };
    });
    const issue = await refusedWith(tooMuch, 'REGISTER_REF.BALANCE_EXCEEDED');
    expect(issue.message).to.contain('60000 KGM left');
    await refusedWith(tooMuch, 'REGISTER_REF.BALANCE_EXCEEDED', '/api/v1/documents/validate');
  });
});
