import { expect } from 'chai';
import request from 'supertest';
import { DocumentXmlCodec } from '../../src/xml/document-xml-codec.js';
import { SchemaCatalog } from '../../src/catalog/schema-catalog.js';
import { startTestService } from '../support/test-service.js';
import { registerEnterprise, submitJson, submitXml } from './support/intake-client.js';
import { VALID_FIXTURES, validJson, validXml } from './support/intake-fixtures.js';

describe('document submission', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let enterprise: Awaited<ReturnType<typeof registerEnterprise>>;

  before(async () => {
    service = await startTestService();
    enterprise = await registerEnterprise(service.url, 'Minh Phat Technology Trading JSC');
  });
  after(async () => service?.stop());

  for (const { name, type } of VALID_FIXTURES) {
    it(`accepts ${name} as JSON with 202, a reference and a Location`, async () => {
      const response = await submitJson(service.url, enterprise.apiKey, type, validJson(name)).expect(202);
      expect(response.body).to.include({ type });
      expect(response.body.id).to.match(/^[0-9a-f-]{36}$/);
      expect(response.body.reference).to.match(/^VNSW-20[0-9]{2}-[0-9]{8}$/);
      expect(response.body.status).to.be.oneOf(['SUBMITTED', 'ROUTED']);
      expect(response.headers.location).to.equal(`/api/v1/documents/${response.body.id}`);
    });

    it(`accepts ${name} as XML and stores the same canonical JSON`, async () => {
      const created = await submitXml(service.url, enterprise.apiKey, validXml(name)).expect(202);
      expect(created.body.type).to.equal(type);
      const stored = await request(service.url)
        .get(created.headers.location!)
        .set('Authorization', `Bearer ${enterprise.apiKey}`)
        .expect(200);
      expect(stored.body.sourceFormat).to.equal('xml');
      expect(JSON.stringify(stored.body.data)).to.equal(JSON.stringify(validJson(name)));
    });

    it(`reads ${name} back exactly as submitted, member order included`, async () => {
      const submitted = validJson(name);
      const created = await submitJson(service.url, enterprise.apiKey, type, submitted).expect(202);
      const stored = await request(service.url)
        .get(`/api/v1/documents/${created.body.id}`)
        .set('Authorization', `Bearer ${enterprise.apiKey}`)
        .expect(200);
      expect(JSON.stringify(stored.body.data)).to.equal(JSON.stringify(submitted));
      expect(stored.body).to.include({
        id: created.body.id,
        reference: created.body.reference,
        type,
        schemaVersion: 'v1',
        sourceFormat: 'json',
      });
      expect(stored.body.history[0]).to.include({ actor: `enterprise:${enterprise.id}`, from: null, to: 'SUBMITTED' });
      expect(stored.body).not.to.have.property('outbox');
    });

    it(`round-trips ${name} JSON -> XML -> JSON without loss`, async () => {
      const submitted = validJson(name);
      const created = await submitJson(service.url, enterprise.apiKey, type, submitted).expect(202);
      const asXml = await request(service.url)
        .get(`/api/v1/documents/${created.body.id}`)
        .set('Authorization', `Bearer ${enterprise.apiKey}`)
        .set('Accept', 'application/xml')
        .expect(200);
      expect(asXml.headers['content-type']).to.match(/^application\/xml/);
      expect(asXml.text).to.contain(`<${type} xmlns="urn:single-window:${type}:v1">`);
      const resubmitted = await submitXml(service.url, enterprise.apiKey, asXml.text).expect(202);
      const readBack = await request(service.url)
        .get(`/api/v1/documents/${resubmitted.body.id}`)
        .set('Authorization', `Bearer ${enterprise.apiKey}`)
        .expect(200);
      expect(JSON.stringify(readBack.body.data)).to.equal(JSON.stringify(submitted));
    });
  }

  it('keeps text that XML would normalise (carriage returns, markup characters, astral characters) through JSON -> XML -> JSON', async () => {
    const submitted = validJson('customs-declaration-import');
    submitted.remarks = 'Line one\r\nLine two: <fragile> & "handle" with care 🚢\ttabbed  ';
    const created = await submitJson(service.url, enterprise.apiKey, 'customs-declaration', submitted).expect(202);
    const asXml = await request(service.url)
      .get(`/api/v1/documents/${created.body.id}`)
      .set('Authorization', `Bearer ${enterprise.apiKey}`)
      .set('Accept', 'application/xml')
      .expect(200);
    const codec = new DocumentXmlCodec(SchemaCatalog.load(), { maxDepth: 32, maxElements: 10_000 });
    expect(codec.read(asXml.text).data).to.deep.equal(submitted);
  });

  it('gives each document its own reference, numbered in sequence within the year', async () => {
    const first = await submitJson(service.url, enterprise.apiKey, 'licence-application', validJson('licence-application')).expect(202);
    const second = await submitJson(service.url, enterprise.apiKey, 'licence-application', validJson('licence-application')).expect(202);
    const number = (reference: string) => Number(reference.split('-')[2]);
    expect(number(second.body.reference)).to.equal(number(first.body.reference) + 1);
  });

  it('answers validate-only requests without storing anything', async () => {
    const before = await request(service.url)
      .get('/api/v1/documents?type=phytosanitary-certificate&limit=100')
      .set('Authorization', `Bearer ${enterprise.apiKey}`)
      .expect(200);
    const json = await submitJson(
      service.url,
      enterprise.apiKey,
      'phytosanitary-certificate',
      validJson('phytosanitary-certificate'),
      '/api/v1/documents/validate',
    ).expect(200);
    expect(json.body).to.deep.equal({ valid: true, type: 'phytosanitary-certificate' });
    await submitXml(service.url, enterprise.apiKey, validXml('phytosanitary-certificate'), '/api/v1/documents/validate').expect(200);
    const after = await request(service.url)
      .get('/api/v1/documents?type=phytosanitary-certificate&limit=100')
      .set('Authorization', `Bearer ${enterprise.apiKey}`)
      .expect(200);
    expect(after.body.items).to.have.length(before.body.items.length);
  });

  it('answers a document that is not JSON or XML with 415', async () => {
    const response = await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${enterprise.apiKey}`)
      .set('Content-Type', 'text/csv')
      .send('hsCode,description\n847130,Laptops')
      .expect(415);
    expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(response.body.code).to.equal('REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown document type with 400 naming the allowed types', async () => {
    const response = await submitJson(service.url, enterprise.apiKey, 'bill-of-lading', { number: 'WHLC025B04471' }).expect(400);
    expect(response.body.code).to.equal('DOCUMENT.UNKNOWN_TYPE');
    expect(response.body.allowedTypes).to.include('customs-declaration');
    const xml = await submitXml(service.url, enterprise.apiKey, '<bill-of-lading><number>WHLC025B04471</number></bill-of-lading>').expect(
      400,
    );
    expect(xml.body.code).to.equal('DOCUMENT.UNKNOWN_TYPE');
  });

  it('refuses an envelope with members besides type and data', async () => {
    const response = await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${enterprise.apiKey}`)
      .send({ type: 'licence-application', data: validJson('licence-application'), priority: 'urgent' })
      .expect(400);
    expect(response.body).to.include({ code: 'REQUEST.INVALID_ENVELOPE' });
    expect(response.body.members).to.deep.equal(['priority']);
  });

  it('answers an XML root in another namespace with 400', async () => {
    const xml = validXml('licence-application').replace('urn:single-window:licence-application:v1', 'urn:example:licence:v9');
    const response = await submitXml(service.url, enterprise.apiKey, xml).expect(400);
    expect(response.body).to.include({ code: 'XML.NAMESPACE_MISMATCH', expected: 'urn:single-window:licence-application:v1' });
  });

  it('answers GET with an Accept it cannot produce with 406', async () => {
    const created = await submitJson(service.url, enterprise.apiKey, 'licence-application', validJson('licence-application')).expect(202);
    const response = await request(service.url)
      .get(`/api/v1/documents/${created.body.id}`)
      .set('Authorization', `Bearer ${enterprise.apiKey}`)
      .set('Accept', 'text/csv')
      .expect(406);
    expect(response.body.code).to.equal('REQUEST.NOT_ACCEPTABLE');
  });
});
