import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { registerEnterprise, submitJson } from './support/intake-client.js';
import { validJson } from './support/intake-fixtures.js';

describe('tenant isolation', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let owner: Awaited<ReturnType<typeof registerEnterprise>>;
  let other: Awaited<ReturnType<typeof registerEnterprise>>;
  let documentId: string;

  before(async () => {
    service = await startTestService();
    owner = await registerEnterprise(service.url, 'Mekong Delta Food Processing JSC');
    other = await registerEnterprise(service.url, 'Can Tho Rice Export Co., Ltd.');
    documentId = (await submitJson(service.url, owner.apiKey, 'certificate-of-origin', validJson('certificate-of-origin')).expect(202)).body
      .id;
  });
  after(async () => service?.stop());

  const get = (apiKey: string, id: string, accept = 'application/json') =>
    request(service.url).get(`/api/v1/documents/${id}`).set('Authorization', `Bearer ${apiKey}`).set('Accept', accept);
  const withoutInstance = (body: Record<string, unknown>) => {
    const { instance: _instance, requestId: _requestId, ...rest } = body;
    return rest;
  };

  it("answers another enterprise's document with 404 exactly like a missing one", async () => {
    const theirs = await get(other.apiKey, documentId).expect(404);
    const missing = await get(other.apiKey, randomUUID()).expect(404);
    expect(withoutInstance(theirs.body)).to.deep.equal(withoutInstance(missing.body));
    expect(theirs.body.code).to.equal('DOCUMENT.NOT_FOUND');
    expect(Object.keys(theirs.headers).sort()).to.deep.equal(Object.keys(missing.headers).sort());
  });

  it("answers another enterprise's document with 404 in XML too", async () => {
    await get(other.apiKey, documentId, 'application/xml').expect(404);
  });

  it('answers ids that cannot exist like missing documents', async () => {
    const response = await get(other.apiKey, 'VNSW-2026-00000001').expect(404);
    expect(response.body.code).to.equal('DOCUMENT.NOT_FOUND');
  });

  it("lists only the enterprise's own documents", async () => {
    const mine = await request(service.url).get('/api/v1/documents').set('Authorization', `Bearer ${owner.apiKey}`).expect(200);
    const theirs = await request(service.url).get('/api/v1/documents').set('Authorization', `Bearer ${other.apiKey}`).expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).to.include(documentId);
    expect(theirs.body.items).to.deep.equal([]);
  });

  it('lets the owner read it', async () => {
    const response = await get(owner.apiKey, documentId).expect(200);
    expect(response.body.id).to.equal(documentId);
  });
});
