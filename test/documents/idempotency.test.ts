import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { registerEnterprise } from './support/intake-client.js';
import { validJson, validXml } from './support/intake-fixtures.js';

describe('Idempotency-Key', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let first: Awaited<ReturnType<typeof registerEnterprise>>;
  let second: Awaited<ReturnType<typeof registerEnterprise>>;

  const submit = (apiKey: string, key: string, data: unknown, type = 'licence-application') =>
    request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${apiKey}`)
      .set('Idempotency-Key', key)
      .send({ type, data });
  const keys = () =>
    service.context.db.connection
      .getClient()
      .db(service.context.db.connection.name)
      .collection<Record<string, unknown>>('idempotency_keys');
  const count = async (apiKey: string) =>
    (await request(service.url).get('/api/v1/documents?limit=100').set('Authorization', `Bearer ${apiKey}`).expect(200)).body.items
      .length as number;

  before(async () => {
    service = await startTestService();
    first = await registerEnterprise(service.url, 'Hai Phong Steel Distribution Co., Ltd.');
    second = await registerEnterprise(service.url, 'Kinh Bac Steel Trading JSC');
  });
  after(async () => service?.stop());

  it('replays the original answer to a retry with the same key and body, storing one document', async () => {
    const key = `"${randomUUID()}"`;
    const before = await count(first.apiKey);
    const original = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    const retry = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    expect(retry.body).to.deep.equal(original.body);
    expect(retry.headers.location).to.equal(original.headers.location);
    expect(retry.headers['idempotent-replayed']).to.equal('true');
    expect(original.headers['idempotent-replayed']).to.equal(undefined);
    expect(await count(first.apiKey)).to.equal(before + 1);
  });

  it('treats the XML form of the same document under the same key as a different request', async () => {
    const key = randomUUID();
    await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    const response = await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${first.apiKey}`)
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/xml')
      .send(validXml('licence-application'))
      .expect(422);
    expect(response.body.code).to.equal('IDEMPOTENCY.KEY_REUSED');
  });

  it('answers the same key with a different body with 422 IDEMPOTENCY.KEY_REUSED', async () => {
    const key = randomUUID();
    await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    const changed = validJson('licence-application') as { goods: { quantity: { value: number } }[] };
    changed.goods[0]!.quantity.value = 1750;
    const response = await submit(first.apiKey, key, changed).expect(422);
    expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(response.body.code).to.equal('IDEMPOTENCY.KEY_REUSED');
  });

  it('answers a retry while the first request with the key is still in flight with 409 IDEMPOTENCY.IN_FLIGHT', async () => {
    const key = randomUUID();
    // Another api instance holds the key: it is processing the same request right now.
    await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    await keys().updateOne({ _id: `${first.id}:${key}` } as never, {
      $set: { state: 'IN_FLIGHT', lockedUntil: new Date(Date.now() + 60_000) },
      $unset: { response: '' },
    });
    const response = await submit(first.apiKey, key, validJson('licence-application')).expect(409);
    expect(response.body.code).to.equal('IDEMPOTENCY.IN_FLIGHT');
  });

  it('answers a retry after the holder stopped between storing the document and answering with that document, storing no second one', async () => {
    const key = randomUUID();
    const before = await count(first.apiKey);
    const original = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    // The process that stored the document died before it could record its answer; its lock has passed.
    await keys().updateOne({ _id: `${first.id}:${key}` } as never, {
      $set: { state: 'IN_FLIGHT', lockedUntil: new Date(Date.now() - 1000) },
      $unset: { response: '' },
    });
    const retry = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    expect(retry.body.id).to.equal(original.body.id);
    expect(retry.headers['idempotent-replayed']).to.equal('true');
    expect(await count(first.apiKey)).to.equal(before + 1);
    const again = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    expect(again.body.id).to.equal(original.body.id);
  });

  it('lets a retry take over a key whose holder stopped before storing anything, and stores the document once', async () => {
    const key = randomUUID();
    await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    // As if the holder had died before its insert: its use of the key created nothing.
    await keys().updateOne({ _id: `${first.id}:${key}` } as never, {
      $set: { state: 'IN_FLIGHT', lockedUntil: new Date(Date.now() - 1000), token: randomUUID() },
      $unset: { response: '' },
    });
    const before = await count(first.apiKey);
    const retry = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    expect(retry.headers['idempotent-replayed']).to.equal(undefined);
    expect(await count(first.apiKey)).to.equal(before + 1);
  });

  it('refuses another body under the key of a holder that stopped with 422, not a takeover', async () => {
    const key = randomUUID();
    await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    await keys().updateOne({ _id: `${first.id}:${key}` } as never, {
      $set: { state: 'IN_FLIGHT', lockedUntil: new Date(Date.now() - 1000) },
      $unset: { response: '' },
    });
    const changed = validJson('licence-application') as { purpose: { description: string } };
    changed.purpose.description = 'Something else entirely';
    const response = await submit(first.apiKey, key, changed).expect(422);
    expect(response.body.code).to.equal('IDEMPOTENCY.KEY_REUSED');
  });

  it('releases the key of a request that failed validation, so the corrected request can use it', async () => {
    const key = randomUUID();
    const broken = validJson('licence-application') as { issuingAgency: string };
    broken.issuingAgency = 'MOFA';
    await submit(first.apiKey, key, broken).expect(422);
    const corrected = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    expect(corrected.headers['idempotent-replayed']).to.equal(undefined);
  });

  it('scopes keys per enterprise: another enterprise may use the same key for its own request', async () => {
    const key = randomUUID();
    const mine = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    const theirs = await submit(second.apiKey, key, validJson('licence-application')).expect(202);
    expect(theirs.body.id).not.to.equal(mine.body.id);
    expect(theirs.headers['idempotent-replayed']).to.equal(undefined);
  });

  it('forgets a key once it expired and treats the next request with it as new', async () => {
    const key = randomUUID();
    const original = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    await keys().updateOne({ _id: `${first.id}:${key}` } as never, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const later = await submit(first.apiKey, key, validJson('licence-application')).expect(202);
    expect(later.body.id).not.to.equal(original.body.id);
  });

  it('keeps keys in a collection with a TTL index on expiresAt', async () => {
    const indexes = await keys().indexes();
    expect(indexes.find((index) => index.key.expiresAt === 1)).to.include({ expireAfterSeconds: 0 });
  });

  it('answers a malformed Idempotency-Key with 400', async () => {
    const response = await submit(first.apiKey, '"' + 'x'.repeat(300) + '"', validJson('licence-application')).expect(400);
    expect(response.body.code).to.equal('IDEMPOTENCY.KEY_INVALID');
  });
});
