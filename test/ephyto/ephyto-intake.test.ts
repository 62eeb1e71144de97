import { expect } from 'chai';
import request from 'supertest';
import { registerEnterprise, submitJson, submitXml } from '../documents/support/intake-client.js';
import { startTestService } from '../support/test-service.js';
import { PHYTO_FIXTURES, SPS_SAMPLES, fixture, sample, xmllintProblems } from './support/ephyto-fixtures.js';

describe('ePhyto intake: an NPPO system submits its SPSCertificate as it stands', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let enterprise: Awaited<ReturnType<typeof registerEnterprise>>;

  before(async () => {
    service = await startTestService();
    enterprise = await registerEnterprise(service.url, 'Southern Plant Quarantine Sub-Department');
  });
  after(async () => service?.stop());

  for (const name of SPS_SAMPLES) {
    it(`validates the real-format sample ${name} as a phytosanitary certificate`, async () => {
      const response = await submitXml(service.url, enterprise.apiKey, sample(name), '/api/v1/documents/validate').expect(200);
      expect(response.body).to.include({ valid: true, type: 'phytosanitary-certificate' });
      expect(response.body.data.certificateNumber).to.equal('123456789CO');
    });
  }

  it('accepts a certificate with elements out of schema order, and says what deviates', async () => {
    const swapped = sample(SPS_SAMPLES[0]!).replace(
      /(<ram:TypeCode>851<\/ram:TypeCode>)(\s*)(<ram:StatusCode>70<\/ram:StatusCode>)/,
      '$3$2$1',
    );
    const response = await submitXml(service.url, enterprise.apiKey, swapped).expect(202);
    expect(response.body.type).to.equal('phytosanitary-certificate');
    expect(response.body.warnings[0].path).to.equal('/rsm:SPSCertificate/rsm:SPSExchangedDocument/ram:StatusCode');
  });

  it('refuses an unreadable certificate with the reasons, canonical and D17A', async () => {
    const broken = sample(SPS_SAMPLES[0]!).replace(/<ram:ConsignorSPSParty>[^]*?<\/ram:ConsignorSPSParty>/, '');
    const response = await submitXml(service.url, enterprise.apiKey, broken, '/api/v1/documents/validate').expect(422);
    expect(response.body.code).to.equal('VALIDATION.FAILED');
    expect(response.body.errors.map((issue: { pointer: string }) => issue.pointer)).to.include('/consignor');
    expect(response.body.formatProblems[0].message).to.contain('ConsignorSPSParty');
  });

  it('answers any phytosanitary certificate as an SPSCertificate that validates against D17A', async () => {
    const created = await submitJson(service.url, enterprise.apiKey, 'phytosanitary-certificate', fixture(PHYTO_FIXTURES[0]!)).expect(202);
    const response = await request(service.url)
      .get(`/api/v1/documents/${created.body.id}/ephyto`)
      .set('Authorization', `Bearer ${enterprise.apiKey}`)
      .expect(200);
    expect(response.type).to.equal('application/xml');
    expect(xmllintProblems(response.text)).to.equal('');
  });

  it('has no ePhyto form for another type of document', async () => {
    const created = await submitJson(
      service.url,
      enterprise.apiKey,
      'certificate-of-origin',
      fixture('test/fixtures/documents/valid/certificate-of-origin.json'),
    ).expect(202);
    const response = await request(service.url)
      .get(`/api/v1/documents/${created.body.id}/ephyto`)
      .set('Authorization', `Bearer ${enterprise.apiKey}`)
      .expect(422);
    expect(response.body.code).to.equal('EPHYTO.NOT_PHYTOSANITARY');
  });
});
