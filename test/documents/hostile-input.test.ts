import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { registerEnterprise, submitJson, submitXml } from './support/intake-client.js';
import { fixtureText, validJson, validXml } from './support/intake-fixtures.js';

describe('hostile and malformed input', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let apiKey: string;

  before(async () => {
    service = await startTestService({ bodyLimitBytes: 256 * 1024, xmlMaxElements: 5000 });
    ({ apiKey } = await registerEnterprise(service.url, 'Hai Phong Steel Distribution Co., Ltd.'));
  });
  after(async () => service?.stop());

  afterEach(async () => {
    // Whatever the last request tried, the service still answers and still accepts documents.
    await request(service.url).get('/health/live').expect(200);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(({} as Record<string, unknown>).isAdmin).to.equal(undefined);
  });

  const hostileXml: [string, string, string][] = [
    ['an entity expansion bomb (billion laughs)', 'hostile/billion-laughs.xml', 'XML.DOCTYPE_FORBIDDEN'],
    ['an external entity reading a local file', 'hostile/external-entity.xml', 'XML.DOCTYPE_FORBIDDEN'],
    ['an external DTD', 'hostile/external-dtd.xml', 'XML.DOCTYPE_FORBIDDEN'],
    ['a __proto__ element', 'hostile/proto-element.xml', 'XML.FORBIDDEN_NAME'],
    ['constructor and prototype elements', 'hostile/constructor-element.xml', 'XML.FORBIDDEN_NAME'],
    ['a __proto__ attribute', 'hostile/proto-attribute.xml', 'XML.FORBIDDEN_NAME'],
  ];
  for (const [what, file, code] of hostileXml) {
    it(`answers ${what} with 400 ${code}`, async () => {
      const response = await submitXml(service.url, apiKey, fixtureText(file)).expect(400);
      expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(response.body.code).to.equal(code);
    });
  }

  it('answers 10 000 nested elements with 400 XML.TOO_DEEP', async () => {
    const xml = `<customs-declaration xmlns="urn:single-window:customs-declaration:v1">${'<remarks>'.repeat(10_000)}x${'</remarks>'.repeat(10_000)}</customs-declaration>`;
    const response = await submitXml(service.url, apiKey, xml).expect(400);
    expect(response.body).to.include({ code: 'XML.TOO_DEEP', maxDepth: 32 });
  });

  it('answers more elements than XML_MAX_ELEMENTS with 400 XML.TOO_MANY_ELEMENTS', async () => {
    const xml = `<customs-declaration xmlns="urn:single-window:customs-declaration:v1"><goodsItems>${'<goodsItem/>'.repeat(6000)}</goodsItems></customs-declaration>`;
    const response = await submitXml(service.url, apiKey, xml).expect(400);
    expect(response.body).to.include({ code: 'XML.TOO_MANY_ELEMENTS', maxElements: 5000 });
  });

  it('answers XML that is not well-formed with 400 XML.MALFORMED and where', async () => {
    const response = await submitXml(service.url, apiKey, fixtureText('invalid/customs-declaration-unclosed-element.xml')).expect(400);
    expect(response.body).to.include({ code: 'XML.MALFORMED', line: 8 });
    expect(response.body.column).to.be.a('number');
  });

  it('answers an undeclared entity with 400 XML.MALFORMED', async () => {
    const xml = validXml('licence-application').replace('Distribution to construction', '&nbsp;Distribution to construction');
    const response = await submitXml(service.url, apiKey, xml).expect(400);
    expect(response.body.code).to.equal('XML.MALFORMED');
  });

  it('answers an empty XML body with 400', async () => {
    const response = await submitXml(service.url, apiKey, '').expect(400);
    expect(response.body.code).to.equal('XML.MALFORMED');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${apiKey}`)
      .set('Content-Type', 'application/json')
      .send('{"type": "licence-application", "data": {')
      .expect(400);
    expect(response.body.code).to.equal('REQUEST.MALFORMED_JSON');
  });

  it('answers a body over BODY_LIMIT_BYTES with 413, in JSON and in XML', async () => {
    const json = await submitJson(service.url, apiKey, 'customs-declaration', validJson('customs-declaration-1000-items')).expect(413);
    expect(json.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(json.body.code).to.equal('REQUEST.BODY_TOO_LARGE');
    const xml = await submitXml(service.url, apiKey, validXml('customs-declaration-1000-items')).expect(413);
    expect(xml.body.code).to.equal('REQUEST.BODY_TOO_LARGE');
  });

  it('answers a caller without a valid key with 401 before reading its body, however large or broken', async () => {
    for (const authorization of [undefined, 'Bearer sw_not-a-real-key']) {
      const oversized = request(service.url).post('/api/v1/documents').set('Content-Type', 'application/json');
      if (authorization) void oversized.set('Authorization', authorization);
      const big = await oversized.send(JSON.stringify(validJson('customs-declaration-1000-items'))).expect(401);
      expect(big.body.code).to.match(/^AUTH\./);
      const broken = await request(service.url)
        .post('/api/v1/documents')
        .set('Content-Type', 'application/json')
        .send('{"type": ')
        .expect(401);
      expect(broken.headers['content-type']).to.match(/^application\/problem\+json/);
    }
  });

  it('refuses a JSON __proto__ member in the data without polluting any prototype', async () => {
    const body = `{"type":"licence-application","data":${JSON.stringify(validJson('licence-application')).replace(/^\{/, '{"__proto__":{"polluted":"yes","isAdmin":true},')}}`;
    const response = await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${apiKey}`)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(422);
    expect(response.body.errors).to.deep.include({
      pointer: '/__proto__',
      code: 'JSON.FORBIDDEN_KEY',
      message: 'the member name "__proto__" is not accepted',
    });
  });

  it('refuses constructor.prototype members nested in goods items', async () => {
    const data = validJson('customs-declaration-import') as { goodsItems: Record<string, unknown>[] };
    Object.defineProperty(data.goodsItems[1], 'constructor', { value: { prototype: { polluted: 'yes' } }, enumerable: true });
    const response = await submitJson(service.url, apiKey, 'customs-declaration', data).expect(422);
    expect(response.body.errors.map((e: { pointer: string; code: string }) => `${e.code} ${e.pointer}`)).to.deep.equal([
      'JSON.FORBIDDEN_KEY /goodsItems/1/constructor',
    ]);
  });

  it('refuses a __proto__ member beside type and data', async () => {
    const body = `{"__proto__":{"polluted":"yes"},"type":"licence-application","data":${JSON.stringify(validJson('licence-application'))}}`;
    const response = await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${apiKey}`)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    expect(response.body.code).to.equal('REQUEST.INVALID_ENVELOPE');
  });

  it('refuses member names MongoDB would read as operators or paths', async () => {
    const data = validJson('licence-application') as Record<string, Record<string, unknown>>;
    data.applicant!.$where = 'sleep(1000)';
    data.purpose!['category.name'] = 'COMMERCIAL';
    const response = await submitJson(service.url, apiKey, 'licence-application', data).expect(422);
    expect(response.body.errors.map((e: { pointer: string; code: string }) => `${e.code} ${e.pointer}`)).to.have.members([
      'JSON.FORBIDDEN_KEY /applicant/$where',
      'JSON.FORBIDDEN_KEY /purpose/category.name',
    ]);
  });

  it('answers invalid fixtures with 422 naming the problem', async () => {
    const totals = await submitJson(
      service.url,
      apiKey,
      'customs-declaration',
      JSON.parse(fixtureText('invalid/customs-declaration-totals-disagree.json')),
    ).expect(422);
    expect(totals.body.errors).to.deep.include({
      pointer: '/totals/packageCount',
      code: 'TOTALS.PACKAGES_MISMATCH',
      message: 'is 1100 but the goods items have 1000 packages',
    });
    const rvc = await submitXml(service.url, apiKey, fixtureText('invalid/certificate-of-origin-rvc-without-percentage.xml')).expect(422);
    expect(rvc.body.errors.map((e: { xmlPath: string; code: string }) => `${e.code} ${e.xmlPath}`)).to.have.members([
      'SCHEMA.REQUIRED /certificate-of-origin/items/item[1]/rvcPercentage',
      'SCHEMA.REQUIRED /certificate-of-origin/items/item[1]/fobValue',
    ]);
  });

  it('still accepts a valid document after all of the above', async () => {
    await submitXml(service.url, apiKey, validXml('licence-application')).expect(202);
  });
});
