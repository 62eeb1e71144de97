import { expect } from 'chai';
import request from 'supertest';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { amqpProbe } from '../routing/support/amqp-probe.js';
import { fixture } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';

describe('decisions arriving on sw.decisions', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let client: ReturnType<typeof singleWindowClient>;
  let probe: Awaited<ReturnType<typeof amqpProbe>>;
  let apiKey: string;
  const declaration = fixture('routing/import-salmon-and-medicines.json');
  const now = () => new Date().toISOString();

  before(async () => {
    service = await startTestService();
    client = singleWindowClient(service.url);
    probe = await amqpProbe(requireTestAmqpUrl());
    await probe.purge('sw.decisions.dlq');
    ({ apiKey } = await client.registerEnterprise('Hai Phong Marine Products JSC'));
  });

  after(async () => {
    await probe?.close();
    await service?.stop();
  });

  it('applies a decision once when the same message arrives twice', async () => {
    const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
    const approval = { documentId: id, agency: 'MOH-DAV', decision: 'APPROVED', permitNumber: '12034/QLD-GPNK', decidedAt: now() };
    await probe.publishDecision('MOH-DAV', approval, `dav-approval-${id}`);
    await client.waitForDocument(
      apiKey,
      id,
      (d) => d.routing.agencies.some((a) => a.agency === 'MOH-DAV' && a.status === 'APPROVED'),
      'the approval',
    );
    const before = await client.document(apiKey, id);

    await probe.publishDecision('MOH-DAV', approval, `dav-approval-${id}`);
    // A later, different decision shows when the duplicate has certainly been consumed.
    await probe.publishDecision(
      'MARD-NAFIQAD',
      { documentId: id, agency: 'MARD-NAFIQAD', decision: 'ACKNOWLEDGED', decidedAt: now() },
      `nafiqad-ack-${id}`,
    );
    const after = await client.waitForDocument(
      apiKey,
      id,
      (d) => d.routing.agencies.some((a) => a.agency === 'MARD-NAFIQAD' && a.status === 'ACKNOWLEDGED'),
      'the acknowledgement',
    );

    expect(after.routing.agencies.find((a) => a.agency === 'MOH-DAV')!.decisions).to.have.length(1);
    expect((await client.document(apiKey, id)).history).to.deep.equal(before.history);
  });

  it('dead-letters a decision from an agency the document was not routed to, with the reason in its headers', async () => {
    const dead = await probe.collect('sw.decisions.dlq');
    const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
    await probe.publishDecision(
      'MONRE',
      { documentId: id, agency: 'MONRE', decision: 'APPROVED', permitNumber: '86/GXN-TCMT', decidedAt: now() },
      `monre-${id}`,
    );

    const letter = await probe.waitFor(() => dead.find((m) => m.properties.messageId === `monre-${id}`), 'the dead letter');
    expect(letter.properties.headers).to.include({ 'x-error-code': 'DECISION.AGENCY_NOT_ROUTED' });
    expect(String(letter.properties.headers!['x-reason'])).to.contain('MONRE');
    expect(JSON.parse(letter.content.toString())).to.include({ documentId: id, agency: 'MONRE' });
    const routed = await client.routing(apiKey, id);
    expect(routed.status).to.equal('ROUTED');
    expect(routed.routing.agencies.map((a) => a.agency)).not.to.include('MONRE');
  });

  it('dead-letters unparsable, invalid and spoofed decisions and keeps consuming', async () => {
    const dead = await probe.collect('sw.decisions.dlq');
    const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
    await probe.publishDecision('MOH-DAV', '{"documentId": "' + id + '", "agency": ', `garbled-${id}`);
    await probe.publishDecision('MOH-DAV', { documentId: id, agency: 'MOH-DAV', decision: 'MAYBE', decidedAt: now() }, `invalid-${id}`);
    await probe.publishDecision(
      'MOH-DAV',
      { documentId: id, agency: 'MOH-DAV', decision: 'REJECTED', decidedAt: now() },
      `no-reasons-${id}`,
    );
    await probe.publishDecision(
      'MOH-DAV',
      { documentId: id, agency: 'MARD-NAFIQAD', decision: 'REJECTED', reasons: ['spoofed'], decidedAt: now() },
      `spoofed-${id}`,
      'MOH-DAV',
    );
    await probe.publishDecision(
      'MOH-DAV',
      {
        documentId: id,
        agency: 'MOH-DAV',
        decision: 'NEEDS_INFO',
        question: 'Attach the CPP for the paracetamol tablets',
        decidedAt: now(),
      },
      `valid-${id}`,
    );

    await client.waitForDocument(apiKey, id, (d) => d.status === 'NEEDS_INFO', 'NEEDS_INFO');
    const codes = Object.fromEntries(
      await Promise.all(
        ['garbled', 'invalid', 'no-reasons', 'spoofed'].map(async (kind) => {
          const letter = await probe.waitFor(() => dead.find((m) => m.properties.messageId === `${kind}-${id}`), `the ${kind} dead letter`);
          return [kind, letter.properties.headers!['x-error-code']];
        }),
      ),
    );
    expect(codes).to.deep.equal({
      garbled: 'DECISION.UNPARSABLE',
      invalid: 'DECISION.INVALID',
      'no-reasons': 'DECISION.INVALID',
      spoofed: 'DECISION.ROUTING_KEY_MISMATCH',
    });
    const routed = await client.routing(apiKey, id);
    expect(routed.routing.agencies.find((a) => a.agency === 'MOH-DAV')!.decisions.map((d) => d.decision)).to.deep.equal(['NEEDS_INFO']);
  });

  it('counts applied decisions per agency on /metrics and reports overdue documents per agency', async () => {
    const metrics = await request(service.url).get('/metrics');
    expect(metrics.text).to.match(/sw_agency_decisions_total\{agency="MOH-DAV",decision="APPROVED"\} [1-9]/);
    expect(metrics.text).to.match(/sw_agency_overdue_documents\{agency="CUSTOMS"\} 0/);
  });
});
