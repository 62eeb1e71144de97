import { expect } from 'chai';
import request from 'supertest';
import { ENVELOPE_HEADER, type AgencyWorkEnvelope } from '../../src/kernel/contracts/agency-work.js';
import { startTestService, requireTestAmqpUrl } from '../support/test-service.js';
import { amqpProbe } from '../routing/support/amqp-probe.js';
import { declarationCiting, registerActors, tShirtLicenceApplication } from './support/register-kit.js';

describe('customs’ approval draws down the licences a declaration cites', function () {
  this.timeout(120_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let actors: Awaited<ReturnType<typeof registerActors>>;
  let probe: Awaited<ReturnType<typeof amqpProbe>>;

  before(async () => {
    service = await startTestService();
    actors = await registerActors(service.url);
    probe = await amqpProbe(requireTestAmqpUrl());
  });

  after(async () => {
    await probe?.close();
    await service?.stop();
  });

  it('approves a declaration within balance, the balance falls by its quantity, and a redelivered approval draws nothing more', async () => {
    const { entry } = await actors.issueLicence(tShirtLicenceApplication(60_000));
    const customsWork = await probe.collect('sw.agency.CUSTOMS');
    const lodged = await actors.lodge(declarationCiting(entry.number));
    expect(lodged.status, JSON.stringify(lodged.body)).to.equal(202);
    const id = lodged.body.id as string;

    const work = await probe.waitFor(() => customsWork.find((m) => m.properties.correlationId === id), 'customs’ work for the declaration');
    const envelope = JSON.parse(String(work.properties.headers?.[ENVELOPE_HEADER])) as AgencyWorkEnvelope;
    expect(envelope.registerEntries?.map((e) => ({ number: e.number, remaining: e.goods[0]!.remaining }))).to.deep.equal([
      { number: entry.number, remaining: 60_000 },
    ]);

    const approved = await actors.approveAsCustoms(id, `customs-${id}`);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(201);
    expect(approved.body.status).to.equal('APPROVED');
    const again = await actors.approveAsCustoms(id, `customs-${id}`);
    expect(again.status).to.equal(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');

    const after = await actors.entry(entry.id);
    expect(after.goods[0]).to.include({ granted: 60_000, remaining: 48_000 });
    expect(after.goods[1]).to.include({ granted: 500, remaining: 500 });
    expect(after.movements.map((m) => ({ kind: m.kind, declarationId: m.declarationId, lines: m.lines }))).to.deep.equal([
      { kind: 'DRAW', declarationId: id, lines: [{ line: 1, quantity: 12_000 }] },
    ]);

    const cited = await request(service.url)
      .get(`/api/v1/documents/${id}/register-entries`)
      .set('Authorization', `Bearer ${actors.enterprise.apiKey}`);
    expect(cited.status).to.equal(200);
    expect(cited.body.items[0].goods[0].remaining).to.equal(48_000);
  });

  it('lets exactly 5 of 20 concurrent declarations through a licence with room for 5, and the balance ends at zero', async () => {
    const { entry } = await actors.issueLicence(tShirtLicenceApplication(60_000));
    const ids: string[] = [];
    for (let n = 0; n < 20; n += 1) {
      const lodged = await actors.lodge(declarationCiting(entry.number));
      expect(lodged.status, JSON.stringify(lodged.body)).to.equal(202);
      ids.push(lodged.body.id as string);
    }
    const answers = await Promise.all(ids.map((id) => actors.approveAsCustoms(id)));
    const approved = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 409);
    expect(approved).to.have.length(5);
    expect(refused).to.have.length(15);
    for (const answer of refused) {
      expect(answer.body.code).to.equal('DECISION.REGISTER_REFUSED');
      expect(answer.body.detail ?? answer.body.title).to.be.a('string');
      expect(answer.body.status).to.equal(409);
    }
    const statuses = await Promise.all(ids.map(async (id) => (await actors.client.document(actors.enterprise.apiKey, id)).status));
    expect(statuses.filter((s) => s === 'APPROVED')).to.have.length(5);
    expect(statuses.filter((s) => s === 'NEEDS_INFO')).to.have.length(15);

    const after = await actors.entry(entry.id);
    expect(after.goods[0]!.remaining).to.equal(0);
    // The balance recomputed from the movements is the one kept.
    const drawn = after.movements.reduce((total, m) => total + (m.kind === 'DRAW' ? 1 : -1) * m.lines[0]!.quantity, 0);
    expect(60_000 - drawn).to.equal(0);
    expect(new Set(after.movements.filter((m) => m.kind === 'DRAW').map((m) => m.declarationId)).size).to.equal(
      after.movements.filter((m) => m.kind === 'DRAW').length,
    );
  });

  it('gives back the first licence’s draw when the second one cited cannot give its share', async () => {
    const { entry: roomy } = await actors.issueLicence(tShirtLicenceApplication(60_000));
    const { entry: tight } = await actors.issueLicence(tShirtLicenceApplication(12_000));
    // Cited for the whole declaration (drawn first) and by its T-shirt item: each approval takes 12 000 kg from both.
    const citingBoth = (d: Record<string, unknown>) => {
      d.additionalDocuments = [{ category: 'LICENCE', referenceNumber: roomy.number, issuingAgency: 'MOIT' }];
      (d.goodsItems as Record<string, unknown>[])[1]!.quantity = { value: 100, unit: 'H87' };
    };
    const ids: string[] = [];
    for (let n = 0; n < 8; n += 1) {
      const lodged = await actors.lodge(declarationCiting(tight.number, citingBoth));
      expect(lodged.status, JSON.stringify(lodged.body)).to.equal(202);
      ids.push(lodged.body.id as string);
    }
    // Racing: a loser may have drawn from the roomy licence before the tight one refused it.
    const answers = await Promise.all(ids.map((id) => actors.approveAsCustoms(id)));
    expect(answers.filter((a) => a.status === 201)).to.have.length(1);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).to.have.length(7);
    for (const answer of refused) expect(answer.body.code).to.equal('DECISION.REGISTER_REFUSED');
    const winner = ids[answers.findIndex((a) => a.status === 201)]!;

    const roomyAfter = await actors.entry(roomy.id);
    expect(roomyAfter.goods.map((g) => g.remaining)).to.deep.equal([48_000, 400]);
    expect((await actors.entry(tight.id)).goods[0]!.remaining).to.equal(0);
    for (const id of ids.filter((i) => i !== winner)) {
      const kinds = roomyAfter.movements.filter((m) => m.declarationId === id).map((m) => m.kind);
      expect(['', 'DRAW,REVERSAL'], `movements of loser ${id}`).to.include(kinds.join());
    }
  });

  it('refuses new declarations citing a revoked licence, and its agency alone may revoke it', async () => {
    const { entry } = await actors.issueLicence(tShirtLicenceApplication(60_000));
    const lodgedBefore = await actors.lodge(declarationCiting(entry.number));
    expect(lodgedBefore.status).to.equal(202);

    const ppd = await actors.client.agencyKey('MARD-PPD');
    const foreign = await request(service.url)
      .post(`/api/v1/agencies/MARD-PPD/register/entries/${entry.id}/revocation`)
      .set('Authorization', `Bearer ${ppd}`)
      .send({ reason: 'not ours' });
    expect(foreign.status).to.equal(404);
    const revoked = await request(service.url)
      .post(`/api/v1/agencies/MOIT/register/entries/${entry.id}/revocation`)
      .set('Authorization', `Bearer ${actors.moit}`)
      .send({ reason: 'Licence obtained with a forged contract' });
    expect(revoked.status, JSON.stringify(revoked.body)).to.equal(200);
    expect(revoked.body.status).to.equal('REVOKED');

    const lodgedAfter = await actors.lodge(declarationCiting(entry.number));
    expect(lodgedAfter.status).to.equal(422);
    expect(lodgedAfter.body.errors.map((e: { code: string; pointer: string }) => [e.code, e.pointer])).to.deep.equal([
      ['REGISTER_REF.REVOKED', '/goodsItems/0/additionalDocuments/0/referenceNumber'],
    ]);
    // Lodged before the revocation: customs' approval is refused, and nothing is drawn.
    const approval = await actors.approveAsCustoms(lodgedBefore.body.id as string);
    expect(approval.status).to.equal(409);
    expect((await actors.entry(entry.id)).goods[0]!.remaining).to.equal(60_000);
  });

  it('shows an entry to its holder and its issuing agency only', async () => {
    const { entry } = await actors.issueLicence(tShirtLicenceApplication(1_000));
    const stranger = await actors.client.registerEnterprise('Saigon Laptop Trading Co., Ltd.');
    const theirs = await request(service.url).get(`/api/v1/register/entries/${entry.id}`).set('Authorization', `Bearer ${stranger.apiKey}`);
    expect(theirs.status).to.equal(404);
    expect(theirs.body.code).to.equal('REGISTER.ENTRY_NOT_FOUND');
    const ppd = await actors.client.agencyKey('MARD-PPD');
    expect(
      (await request(service.url).get(`/api/v1/agencies/MARD-PPD/register/entries/${entry.id}`).set('Authorization', `Bearer ${ppd}`))
        .status,
    ).to.equal(404);
    const list = await request(service.url).get('/api/v1/register/entries').set('Authorization', `Bearer ${stranger.apiKey}`);
    expect(list.body.items).to.deep.equal([]);
  });
});
