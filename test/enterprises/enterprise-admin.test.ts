import { createHash } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { ADMIN_TOKEN, registerEnterprise } from '../documents/support/intake-client.js';

describe('enterprises and API keys', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;

  before(async () => {
    service = await startTestService();
  });
  after(async () => service?.stop());

  const admin = () => ({ Authorization: `Bearer ${ADMIN_TOKEN}` });
  const listWith = (apiKey: string) => request(service.url).get('/api/v1/documents').set('Authorization', `Bearer ${apiKey}`);
  const db = () => service.context.db.connection.getClient().db(service.context.db.connection.name);

  it('registers an enterprise by tax code and shows its API key once', async () => {
    const response = await request(service.url)
      .post('/api/v1/admin/enterprises')
      .set(admin())
      .send({ taxId: '0312456789', name: 'Minh Phat Technology Trading JSC' })
      .expect(201);
    expect(response.body).to.include({ taxId: '0312456789', name: 'Minh Phat Technology Trading JSC' });
    expect(response.body.id).to.match(/^[0-9a-f-]{36}$/);
    expect(response.body.apiKey).to.match(/^swk_[A-Za-z0-9_-]{43}$/);
    expect(response.headers.location).to.equal(`/api/v1/admin/enterprises/${response.body.id}`);
    await listWith(response.body.apiKey).expect(200);
  });

  it('stores only a SHA-256 of the key, never the key', async () => {
    const { apiKey, apiKeyId } = await registerEnterprise(service.url, 'Tay Nguyen Coffee & Spices Export Co., Ltd.');
    const stored = await db()
      .collection('api_keys')
      .findOne({ _id: apiKeyId } as never);
    expect(stored).to.include({ hash: createHash('sha256').update(apiKey).digest('base64url') });
    expect(JSON.stringify(stored)).not.to.contain(apiKey);
  });

  it('answers a tax code registered already with 409', async () => {
    await request(service.url)
      .post('/api/v1/admin/enterprises')
      .set(admin())
      .send({ taxId: '0401234987', name: 'Da Nang Frozen Foods Co., Ltd.' })
      .expect(201);
    const response = await request(service.url)
      .post('/api/v1/admin/enterprises')
      .set(admin())
      .send({ taxId: '0401234987', name: 'Da Nang Frozen Foods Trading' })
      .expect(409);
    expect(response.body.code).to.equal('ENTERPRISE.TAX_ID_TAKEN');
  });

  it('answers an invalid registration with 422 and a pointer per problem', async () => {
    const response = await request(service.url)
      .post('/api/v1/admin/enterprises')
      .set(admin())
      .send({ taxId: '03 12', name: '', role: 'admin' })
      .expect(422);
    const found = response.body.errors.map((e: { code: string; pointer: string }) => `${e.code} ${e.pointer}`);
    expect(found).to.include.members(['SCHEMA.PATTERN /taxId', 'SCHEMA.MIN_LENGTH /name', 'SCHEMA.UNKNOWN_MEMBER /role']);
  });

  it('refuses operator endpoints without the operator token, or with an enterprise key', async () => {
    const body = { taxId: '0106789123', name: 'Nguyen Gia Home Appliances Distribution JSC' };
    const missing = await request(service.url).post('/api/v1/admin/enterprises').send(body).expect(401);
    expect(missing.body.code).to.equal('AUTH.MISSING_TOKEN');
    await request(service.url)
      .post('/api/v1/admin/enterprises')
      .set('Authorization', 'Bearer not-the-operator-token-at-all')
      .send(body)
      .expect(401);
    const { apiKey } = await registerEnterprise(service.url, 'Kinh Bac Steel Trading JSC');
    await request(service.url).post('/api/v1/admin/enterprises').set('Authorization', `Bearer ${apiKey}`).send(body).expect(401);
  });

  it('issues another key that works beside the first', async () => {
    const enterprise = await registerEnterprise(service.url, 'Hai Phong Steel Distribution Co., Ltd.');
    const response = await request(service.url).post(`/api/v1/admin/enterprises/${enterprise.id}/api-keys`).set(admin()).expect(201);
    expect(response.body.apiKey).not.to.equal(enterprise.apiKey);
    await listWith(response.body.apiKey).expect(200);
    await listWith(enterprise.apiKey).expect(200);
  });

  it("revokes a key at once, leaving the enterprise's other keys working", async () => {
    const enterprise = await registerEnterprise(service.url, 'Mekong Delta Food Processing JSC');
    const spare = (await request(service.url).post(`/api/v1/admin/enterprises/${enterprise.id}/api-keys`).set(admin()).expect(201)).body;
    await request(service.url)
      .delete(`/api/v1/admin/enterprises/${enterprise.id}/api-keys/${enterprise.apiKeyId}`)
      .set(admin())
      .expect(204);
    const refused = await listWith(enterprise.apiKey).expect(401);
    expect(refused.body.code).to.equal('AUTH.INVALID_API_KEY');
    await listWith(spare.apiKey).expect(200);
    await request(service.url)
      .delete(`/api/v1/admin/enterprises/${enterprise.id}/api-keys/${enterprise.apiKeyId}`)
      .set(admin())
      .expect(204);
  });

  it("answers revoking another enterprise's key, or an unknown one, with 404", async () => {
    const owner = await registerEnterprise(service.url, 'Can Tho Rice Export Co., Ltd.');
    const other = await registerEnterprise(service.url, 'Binh Duong Furniture Manufacturing Co., Ltd.');
    const response = await request(service.url)
      .delete(`/api/v1/admin/enterprises/${other.id}/api-keys/${owner.apiKeyId}`)
      .set(admin())
      .expect(404);
    expect(response.body.code).to.equal('API_KEY.NOT_FOUND');
    await listWith(owner.apiKey).expect(200);
  });

  it('answers a key for an unknown enterprise with 404', async () => {
    const response = await request(service.url)
      .post('/api/v1/admin/enterprises/2f1d3c4b-0000-4000-8000-000000000000/api-keys')
      .set(admin())
      .expect(404);
    expect(response.body.code).to.equal('ENTERPRISE.NOT_FOUND');
  });

  const refusedKeys: [string, string | undefined, string][] = [
    ['no Authorization header', undefined, 'AUTH.MISSING_API_KEY'],
    ['a key of the wrong shape', 'Bearer hello', 'AUTH.INVALID_API_KEY'],
    ['a well-shaped key nobody was issued', `Bearer swk_${'A'.repeat(43)}`, 'AUTH.INVALID_API_KEY'],
    ['another authentication scheme', 'Basic dXNlcjpwYXNz', 'AUTH.MISSING_API_KEY'],
  ];
  for (const [what, header, code] of refusedKeys) {
    it(`answers ${what} with 401 ${code} and a Bearer challenge`, async () => {
      const call = request(service.url).get('/api/v1/documents');
      const response = await (header ? call.set('Authorization', header) : call).expect(401);
      expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).to.match(/^Bearer/);
      expect(response.body.code).to.equal(code);
    });
  }

  it('answers a key whose random part was changed with 401, though its key id exists', async () => {
    const { apiKey } = await registerEnterprise(service.url, 'Quang Ninh Coal Trading JSC');
    const tampered = apiKey.slice(0, -1) + (apiKey.endsWith('A') ? 'B' : 'A');
    await listWith(tampered).expect(401);
  });
});
