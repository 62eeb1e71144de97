import { expect } from 'chai';
import { documentXmlDecoder } from '../support/document-xml-decoder.js';
import { startReferenceConnectors } from '../../connectors/reference/reference-connectors.js';
import type { AgencyWorkEnvelope, AgencyWorkJson } from '../../src/kernel/contracts/agency-work.js';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { amqpProbe } from './support/amqp-probe.js';
import { fixture } from './support/routing-kit.js';
import { singleWindowClient } from './support/single-window-client.js';

describe('routing a declaration to the agencies and back', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let client: ReturnType<typeof singleWindowClient>;
  let probe: Awaited<ReturnType<typeof amqpProbe>>;
  const declaration = fixture('routing/import-salmon-and-medicines.json');

  before(async () => {
    service = await startTestService();
    client = singleWindowClient(service.url);
    probe = await amqpProbe(requireTestAmqpUrl());
  });

  after(async () => {
    await probe?.close();
    await service?.stop();
  });

  it('sends frozen salmon (HS 03) and paracetamol (HS 30) to NAFIQAD and the Drug Administration, then to customs with their permits, and ends APPROVED', async () => {
    await probe.purge('sw.agency.MARD-NAFIQAD', 'sw.agency.MOH-DAV', 'sw.agency.CUSTOMS');
    const connectors = await startReferenceConnectors({
      amqpUrl: requireTestAmqpUrl(),
      agencies: ['MARD-NAFIQAD', 'MOH-DAV', 'CUSTOMS'],
      policy: { default: { action: 'approve' } },
      decodeXml: documentXmlDecoder(),
    });
    try {
      const { apiKey } = await client.registerEnterprise();
      const accepted = await client.submit(apiKey, 'customs-declaration', declaration);
      const done = await client.waitForDocument(apiKey, accepted.id, (d) => d.status === 'APPROVED', 'APPROVED');

      expect(done.routing.agencies.map((a) => [a.agency, a.status])).to.have.deep.members([
        ['MARD-NAFIQAD', 'APPROVED'],
        ['MOH-DAV', 'APPROVED'],
        ['CUSTOMS', 'APPROVED'],
      ]);
      expect(done.routing.permits.map((p) => p.agency)).to.have.members(['MARD-NAFIQAD', 'MOH-DAV', 'CUSTOMS']);
      expect(done.routing.permits.find((p) => p.agency === 'MOH-DAV')!.permitNumber).to.match(/^\d{1,6}\/QLD-(KD|GPNK)$/);
      expect(done.routing.permits.find((p) => p.agency === 'CUSTOMS')!.permitNumber).to.match(/^\d{12}$/);

      const document = await client.document(apiKey, accepted.id);
      expect(document.history.map((h) => h.to)).to.deep.equal(['SUBMITTED', 'ROUTED', 'IN_REVIEW', 'APPROVED']);
      // The document itself shows its routing as the routing endpoint does (which adds the agencies' names).
      expect(document.routing).to.deep.equal({
        ...done.routing,
        agencies: done.routing.agencies.map(({ name: _name, ...agency }) => agency),
      });
      expect(
        document.routing!.agencies.every(
          (a) => a.dueAt !== undefined && a.overdue === false && a.decisions.some((d) => d.decision === 'APPROVED'),
        ),
      ).to.equal(true);
      expect(document.history.at(-1)).to.include({ actor: 'agency:CUSTOMS' });
    } finally {
      await connectors.stop();
    }
  });

  it('holds customs back until both agencies approved: its message carries their permits', async () => {
    await probe.purge('sw.agency.MARD-NAFIQAD', 'sw.agency.MOH-DAV', 'sw.agency.CUSTOMS');
    const toCustoms = await probe.collect('sw.agency.CUSTOMS');
    const toNafiqad = await probe.collect('sw.agency.MARD-NAFIQAD');
    const toDav = await probe.collect('sw.agency.MOH-DAV');
    const { apiKey } = await client.registerEnterprise('Saigon Cold Chain Imports Co., Ltd');
    const accepted = await client.submit(apiKey, 'customs-declaration', declaration);

    const work = await probe.waitFor(
      () => (toNafiqad.length > 0 && toDav.length > 0 ? [toNafiqad[0]!, toDav[0]!] : undefined),
      'the two agencies’ work',
    );
    for (const message of work) {
      expect(message.properties).to.include({ correlationId: accepted.id, type: 'customs-declaration', contentType: 'application/json' });
      expect(message.properties.messageId).to.be.a('string');
      expect(message.properties.timestamp).to.be.a('number');
    }
    const nafiqadWork = JSON.parse(work[0]!.content.toString()) as AgencyWorkJson;
    expect(nafiqadWork).to.include({ documentId: accepted.id, agency: 'MARD-NAFIQAD' });
    expect(nafiqadWork.enterprise.id).to.be.a('string');
    const routed = await client.routing(apiKey, accepted.id);
    const nafiqad = routed.routing.agencies.find((a) => a.agency === 'MARD-NAFIQAD')!;
    expect(nafiqadWork.dueAt).to.equal(nafiqad.dueAt);
    expect(nafiqad.overdue).to.equal(false);
    expect(nafiqadWork.routing).to.deep.equal({ ruleSetVersion: '2026-11', rules: ['fishery-products-quality'] });
    expect((nafiqadWork.document.goodsItems as { hsCode: string }[]).map((g) => g.hsCode)).to.deep.equal(['03031300']);

    await probe.publishDecision(
      'MARD-NAFIQAD',
      {
        documentId: accepted.id,
        agency: 'MARD-NAFIQAD',
        decision: 'APPROVED',
        permitNumber: '778/CL-QLCL',
        decidedAt: new Date().toISOString(),
      },
      `nafiqad-${accepted.id}`,
    );
    await client.waitForDocument(
      apiKey,
      accepted.id,
      (d) => d.routing.agencies.some((a) => a.agency === 'MARD-NAFIQAD' && a.status === 'APPROVED'),
      'NAFIQAD approval',
    );
    expect(toCustoms).to.have.length(0);

    await probe.publishDecision(
      'MOH-DAV',
      {
        documentId: accepted.id,
        agency: 'MOH-DAV',
        decision: 'APPROVED',
        permitNumber: '12034/QLD-GPNK',
        decidedAt: new Date().toISOString(),
      },
      `dav-${accepted.id}`,
    );
    const customsWork = await probe.waitFor(() => toCustoms[0], 'customs’ work');
    expect(customsWork.properties.contentType).to.equal('application/xml');
    const envelope = JSON.parse(String(customsWork.properties.headers!['x-envelope'])) as AgencyWorkEnvelope;
    expect(envelope.earlierDecisions.map((d) => [d.agency, d.decision, d.permitNumber])).to.have.deep.members([
      ['MARD-NAFIQAD', 'APPROVED', '778/CL-QLCL'],
      ['MOH-DAV', 'APPROVED', '12034/QLD-GPNK'],
    ]);
    expect(documentXmlDecoder()('customs-declaration', customsWork.content.toString())).to.deep.equal(declaration);

    await probe.publishDecision(
      'CUSTOMS',
      {
        documentId: accepted.id,
        agency: 'CUSTOMS',
        decision: 'APPROVED',
        permitNumber: '105987654321',
        decidedAt: new Date().toISOString(),
      },
      `customs-${accepted.id}`,
    );
    const done = await client.waitForDocument(apiKey, accepted.id, (d) => d.status === 'APPROVED', 'APPROVED');
    expect(done.routing.permits).to.have.deep.members([
      { agency: 'MARD-NAFIQAD', permitNumber: '778/CL-QLCL' },
      { agency: 'MOH-DAV', permitNumber: '12034/QLD-GPNK' },
      { agency: 'CUSTOMS', permitNumber: '105987654321' },
    ]);
  });
});
