import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { fixture } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';

describe('decisions over HTTP (POST /api/v1/agencies/{code}/decisions)', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let client: ReturnType<typeof singleWindowClient>;
  let enterpriseKey: string;
  let davKey: string;
  const declaration = fixture('routing/import-salmon-and-medicines.json');
  const decide = (code: string, key: string, body: unknown, idempotencyKey?: string) => {
    const call = request(service.url).post(`/api/v1/agencies/${code}/decisions`).set('Authorization', `Bearer ${key}`);
    return (idempotencyKey ? call.set('Idempotency-Key', idempotencyKey) : call).send(body as object);
  };

  before(async () => {
    service = await startTestService();
    client = singleWindowClient(service.url);
    ({ apiKey: enterpriseKey } = await client.registerEnterprise('Pharmacity Distribution JSC'));
    davKey = await client.agencyKey('MOH-DAV');
  });

  after(async () => {
    await service?.stop();
  });

  it('applies a decision sent with the agency’s key, and answers a retry with the same Idempotency-Key with the first answer', async () => {
    const { id } = await client.submit(enterpriseKey, 'customs-declaration', declaration);
    const approval = {
      documentId: id,
      agency: 'MOH-DAV',
      decision: 'APPROVED',
      permitNumber: '12034/QLD-GPNK',
      decidedAt: new Date().toISOString(),
    };
    const first = await decide('MOH-DAV', davKey, approval, `dav-${id}`);
    expect(first.status).to.equal(201);
    expect(first.body).to.include({ documentId: id, agency: 'MOH-DAV', decision: 'APPROVED', duplicate: false, status: 'IN_REVIEW' });
    expect(first.headers['idempotent-replayed']).to.equal(undefined);
    const retry = await decide('MOH-DAV', davKey, approval, `dav-${id}`);
    expect(retry.status).to.equal(201);
    expect(retry.body).to.deep.equal(first.body);
    expect(retry.headers['idempotent-replayed']).to.equal('true');
    const routed = await client.routing(enterpriseKey, id);
    expect(routed.routing.agencies.find((a) => a.agency === 'MOH-DAV')).to.include({ status: 'APPROVED', permitNumber: '12034/QLD-GPNK' });
  });

  describe('Idempotency-Key, as on every endpoint that takes it', () => {
    const keys = () =>
      service.context.db.connection
        .getClient()
        .db(service.context.db.connection.name)
        .collection<Record<string, unknown>>('idempotency_keys');
    const acknowledgement = (id: string) => ({
      documentId: id,
      agency: 'MOH-DAV',
      decision: 'ACKNOWLEDGED',
      decidedAt: new Date().toISOString(),
    });

    it('answers the same key with another decision with 422 IDEMPOTENCY.KEY_REUSED, whatever differs, and keeps the first decision', async () => {
      const { id } = await client.submit(enterpriseKey, 'customs-declaration', declaration);
      const key = randomUUID();
      const first = acknowledgement(id);
      expect((await decide('MOH-DAV', davKey, first, key)).status).to.equal(201);
      const others = [
        { ...first, decision: 'APPROVED', permitNumber: '12034/QLD-GPNK' },
        { ...first, decision: 'REJECTED', reasons: ['The import licence has expired'] },
        { ...first, decidedAt: new Date(Date.now() + 1000).toISOString() },
      ];
      for (const other of others) {
        const reused = await decide('MOH-DAV', davKey, other, `"${key}"`);
        expect(reused.status, JSON.stringify(other)).to.equal(422);
        expect(reused.type).to.equal('application/problem+json');
        expect(reused.body.code).to.equal('IDEMPOTENCY.KEY_REUSED');
      }
      const routed = await client.routing(enterpriseKey, id);
      expect(routed.routing.agencies.find((a) => a.agency === 'MOH-DAV')).to.include({ status: 'ACKNOWLEDGED' });
    });

    it('answers a retry while the first decision with the key is still in flight with 409 IDEMPOTENCY.IN_FLIGHT', async () => {
      const { id } = await client.submit(enterpriseKey, 'customs-declaration', declaration);
      const key = randomUUID();
      const body = acknowledgement(id);
      expect((await decide('MOH-DAV', davKey, body, key)).status).to.equal(201);
      // Another api instance holds the key: it is applying the same decision right now.
      await keys().updateOne({ _id: `agency:MOH-DAV:${key}` } as never, {
        $set: { state: 'IN_FLIGHT', lockedUntil: new Date(Date.now() + 60_000) },
        $unset: { response: '' },
      });
      const retry = await decide('MOH-DAV', davKey, body, key);
      expect(retry.status).to.equal(409);
      expect(retry.body.code).to.equal('IDEMPOTENCY.IN_FLIGHT');
    });

    it('releases the key of a decision that failed, so the corrected decision can use it', async () => {
      const { id } = await client.submit(enterpriseKey, 'customs-declaration', declaration);
      const key = randomUUID();
      const missing = await decide('MOH-DAV', davKey, acknowledgement('f0e1d2c3-0000-4000-8000-000000000001'), key);
      expect(missing.status).to.equal(404);
      const corrected = await decide('MOH-DAV', davKey, acknowledgement(id), key);
      expect(corrected.status).to.equal(201);
    });

    it('keeps keys per agency: another agency may use the same key for its own decision', async () => {
      const { id } = await client.submit(enterpriseKey, 'customs-declaration', declaration);
      const routed = await client.routing(enterpriseKey, id);
      const other = routed.routing.agencies.map((a) => a.agency).find((agency) => agency !== 'MOH-DAV' && agency !== 'CUSTOMS')!;
      const key = randomUUID();
      expect((await decide('MOH-DAV', davKey, acknowledgement(id), key)).status).to.equal(201);
      const theirs = await decide(other, await client.agencyKey(other), { ...acknowledgement(id), agency: other }, key);
      expect(theirs.status).to.equal(201);
      expect(theirs.body).to.include({ agency: other, duplicate: false });
    });
  });

  it('lets an agency read the routing of a document routed to it, and of no other', async () => {
    const { id } = await client.submit(enterpriseKey, 'customs-declaration', declaration);
    const own = await request(service.url).get(`/api/v1/agencies/MOH-DAV/documents/${id}`).set('Authorization', `Bearer ${davKey}`);
    expect(own.status).to.equal(200);
    expect(own.body.routing.agencies.map((a: { agency: string }) => a.agency)).to.include('MOH-DAV');
    const monreKey = await client.agencyKey('MONRE');
    const foreign = await request(service.url).get(`/api/v1/agencies/MONRE/documents/${id}`).set('Authorization', `Bearer ${monreKey}`);
    expect(foreign.status).to.equal(404);
  });

  it('refuses requests without a valid key of that agency', async () => {
    const { id } = await client.submit(enterpriseKey, 'customs-declaration', declaration);
    const body = { documentId: id, agency: 'MOH-DAV', decision: 'ACKNOWLEDGED', decidedAt: new Date().toISOString() };
    const missing = await request(service.url).post('/api/v1/agencies/MOH-DAV/decisions').send(body);
    expect(missing.status).to.equal(401);
    expect(missing.type).to.equal('application/problem+json');
    expect((await decide('MOH-DAV', 'swa_' + 'x'.repeat(43), body)).status).to.equal(401);
    expect((await decide('MOH-DAV', enterpriseKey, body)).status).to.equal(401);
    const nafiqadKey = await client.agencyKey('MARD-NAFIQAD');
    const wrongAgency = await decide('MOH-DAV', nafiqadKey, body);
    expect(wrongAgency.status).to.equal(403);
    expect(wrongAgency.body.code).to.equal('AUTH.WRONG_AGENCY');
  });

  it('answers invalid and hostile decisions with 4xx problem+json, never 5xx', async () => {
    const { id } = await client.submit(enterpriseKey, 'customs-declaration', declaration);
    const invalid = await decide('MOH-DAV', davKey, {
      documentId: id,
      agency: 'MOH-DAV',
      decision: 'NEEDS_INFO',
      decidedAt: 'yesterday',
      extra: true,
    });
    expect(invalid.status).to.equal(422);
    expect(invalid.body.code).to.equal('DECISION.INVALID');
    expect(invalid.body.errors.map((e: { pointer: string }) => e.pointer)).to.include.members(['/question', '/decidedAt', '/extra']);

    const otherAgency = await decide('MOH-DAV', davKey, {
      documentId: id,
      agency: 'CUSTOMS',
      decision: 'ACKNOWLEDGED',
      decidedAt: new Date().toISOString(),
    });
    expect(otherAgency.status).to.equal(422);
    expect(otherAgency.body.code).to.equal('DECISION.AGENCY_MISMATCH');

    const monreKey = await client.agencyKey('MONRE');
    const notRouted = await decide('MONRE', monreKey, {
      documentId: id,
      agency: 'MONRE',
      decision: 'ACKNOWLEDGED',
      decidedAt: new Date().toISOString(),
    });
    expect(notRouted.status).to.equal(409);
    expect(notRouted.body.code).to.equal('DECISION.AGENCY_NOT_ROUTED');

    const customsKey = await client.agencyKey('CUSTOMS');
    const tooEarly = await decide('CUSTOMS', customsKey, {
      documentId: id,
      agency: 'CUSTOMS',
      decision: 'APPROVED',
      permitNumber: '105987654321',
      decidedAt: new Date().toISOString(),
    });
    expect(tooEarly.status).to.equal(409);
    expect(tooEarly.body.code).to.equal('DECISION.NOT_YET_DISPATCHED');

    const unknown = await decide('MOH-DAV', davKey, {
      documentId: 'f0e1d2c3-0000-4000-8000-000000000000',
      agency: 'MOH-DAV',
      decision: 'ACKNOWLEDGED',
      decidedAt: new Date().toISOString(),
    });
    expect(unknown.status).to.equal(404);

    const hostileId = await decide('MOH-DAV', davKey, {
      documentId: { $ne: null },
      agency: 'MOH-DAV',
      decision: 'ACKNOWLEDGED',
      decidedAt: new Date().toISOString(),
    });
    expect(hostileId.status).to.equal(422);

    const badKey = await decide(
      'MOH-DAV',
      davKey,
      { documentId: id, agency: 'MOH-DAV', decision: 'ACKNOWLEDGED', decidedAt: new Date().toISOString() },
      'bad key with spaces',
    );
    expect(badKey.status).to.equal(400);

    const xml = await request(service.url)
      .post('/api/v1/agencies/MOH-DAV/decisions')
      .set('Authorization', `Bearer ${davKey}`)
      .set('Content-Type', 'application/xml')
      .send('<decision/>');
    expect(xml.status).to.equal(415);

    const array = await decide('MOH-DAV', davKey, [1, 2, 3]);
    expect(array.status).to.equal(422);
  });

  it('issues agency keys only to operators and only for registered agencies', async () => {
    expect((await request(service.url).post('/api/v1/admin/agencies/MOH-DAV/api-keys')).status).to.equal(401);
    const unknown = await request(service.url)
      .post('/api/v1/admin/agencies/NOT-AN-AGENCY/api-keys')
      .set('Authorization', 'Bearer test-admin-token-0123456789abcdef');
    expect(unknown.status).to.equal(404);
    expect(unknown.body.code).to.equal('AGENCY.NOT_FOUND');
  });

  it('stops accepting a revoked agency key', async () => {
    const issued = await request(service.url)
      .post('/api/v1/admin/agencies/MOIT/api-keys')
      .set('Authorization', 'Bearer test-admin-token-0123456789abcdef');
    const { keyId, apiKey } = issued.body as { keyId: string; apiKey: string };
    const revoked = await request(service.url)
      .delete(`/api/v1/admin/agencies/MOIT/api-keys/${keyId}`)
      .set('Authorization', 'Bearer test-admin-token-0123456789abcdef');
    expect(revoked.status).to.equal(204);
    const body = {
      documentId: 'f0e1d2c3-0000-4000-8000-000000000000',
      agency: 'MOIT',
      decision: 'ACKNOWLEDGED',
      decidedAt: new Date().toISOString(),
    };
    expect((await decide('MOIT', apiKey, body)).status).to.equal(401);
  });
});
