import { expect } from 'chai';
import request from 'supertest';
import { documentXmlDecoder } from '../support/document-xml-decoder.js';
import { startReferenceConnectors } from '../../connectors/reference/reference-connectors.js';
import type { AgencyWorkJson } from '../../src/kernel/contracts/agency-work.js';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { amqpProbe } from '../routing/support/amqp-probe.js';
import { fixture } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';

const QUESTION = 'Attach the certificate of pharmaceutical product (CPP) for the paracetamol tablets';

describe('NEEDS_INFO and amendments (POST /api/v1/documents/{id}/amendments)', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let client: ReturnType<typeof singleWindowClient>;
  let apiKey: string;
  let enterpriseId: string;
  const declaration = fixture('routing/import-salmon-and-medicines.json');
  const withCpp = () => {
    const amended = structuredClone(declaration);
    (amended.goodsItems as Record<string, unknown>[])[1]!.additionalDocuments = [
      {
        category: 'CERTIFICATE',
        referenceNumber: 'CPP-IN-2025-00417',
        issueDate: '2025-04-02',
        description: 'Certificate of pharmaceutical product, CDSCO India',
      },
    ];
    return amended;
  };
  const amend = (key: string, id: string, body: unknown) =>
    request(service.url)
      .post(`/api/v1/documents/${id}/amendments`)
      .set('Authorization', `Bearer ${key}`)
      .send(body as object);

  before(async () => {
    service = await startTestService();
    client = singleWindowClient(service.url);
    ({ apiKey, id: enterpriseId } = await client.registerEnterprise('Long Chau Pharmaceutical Import JSC'));
  });

  after(async () => {
    await service?.stop();
  });

  it('goes back to the agency that asked once the enterprise amends, and ends APPROVED', async () => {
    const probe = await amqpProbe(requireTestAmqpUrl());
    await probe.purge('sw.agency.MARD-NAFIQAD', 'sw.agency.MOH-DAV', 'sw.agency.CUSTOMS');
    await probe.close();
    const connectors = await startReferenceConnectors({
      amqpUrl: requireTestAmqpUrl(),
      agencies: ['MARD-NAFIQAD', 'MOH-DAV', 'CUSTOMS'],
      policy: {
        default: { action: 'approve' },
        agencies: { 'MOH-DAV': { rules: [{ when: { amended: false }, action: 'needs-info', question: QUESTION }] } },
      },
      decodeXml: documentXmlDecoder(),
    });
    try {
      const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
      const asked = await client.waitForDocument(apiKey, id, (d) => d.status === 'NEEDS_INFO', 'NEEDS_INFO');
      expect(asked.routing.agencies.find((a) => a.agency === 'MOH-DAV')!.decisions.at(-1)!.question).to.equal(QUESTION);

      const response = await amend(apiKey, id, {
        answer: 'CPP CPP-IN-2025-00417 issued by CDSCO is attached to goods item 2',
        data: withCpp(),
      });
      expect(response.status, JSON.stringify(response.body)).to.equal(201);
      expect(response.body).to.deep.include({ documentId: id, status: 'IN_REVIEW', routedTo: ['MOH-DAV'] });
      expect(response.body.amendment).to.include({ number: 1 });
      expect(response.body.amendment.answers).to.deep.equal([{ agency: 'MOH-DAV', question: QUESTION }]);

      const done = await client.waitForDocument(apiKey, id, (d) => d.status === 'APPROVED', 'APPROVED');
      expect(done.routing.permits.map((p) => p.agency)).to.have.members(['MARD-NAFIQAD', 'MOH-DAV', 'CUSTOMS']);
      const document = await client.document(apiKey, id);
      // NAFIQAD's approval may come before or after the question, so IN_REVIEW may precede NEEDS_INFO or not.
      const statuses = document.history.map((h) => h.to).filter((status, i) => !(status === 'IN_REVIEW' && i === 2));
      expect(statuses).to.deep.equal(['SUBMITTED', 'ROUTED', 'NEEDS_INFO', 'IN_REVIEW', 'APPROVED']);
      expect(document.history.find((h) => h.from === 'NEEDS_INFO')).to.include({ to: 'IN_REVIEW', actor: `enterprise:${enterpriseId}` });
      expect(document.data).to.deep.equal(withCpp());
    } finally {
      await connectors.stop();
    }
  });

  it('sends the amended document to the agency with the answer', async () => {
    const probe = await amqpProbe(requireTestAmqpUrl());
    try {
      await probe.purge('sw.agency.MOH-DAV');
      const toDav = await probe.collect('sw.agency.MOH-DAV');
      const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
      await probe.waitFor(() => toDav.find((m) => m.properties.correlationId === id), 'the first work item');
      await probe.publishDecision(
        'MOH-DAV',
        { documentId: id, agency: 'MOH-DAV', decision: 'NEEDS_INFO', question: QUESTION, decidedAt: new Date().toISOString() },
        `ask-${id}`,
      );
      await client.waitForDocument(apiKey, id, (d) => d.status === 'NEEDS_INFO', 'NEEDS_INFO');
      expect((await amend(apiKey, id, { answer: 'The CPP is attached', data: withCpp() })).status).to.equal(201);

      const again = await probe.waitFor(() => toDav.filter((m) => m.properties.correlationId === id)[1], 'the amended work item');
      const work = JSON.parse(again.content.toString()) as AgencyWorkJson;
      expect(work.dispatch).to.equal(2);
      expect(work.amendment).to.include({ number: 1, answer: 'The CPP is attached' });
      expect((work.document.goodsItems as { additionalDocuments?: unknown[] }[])[0]!.additionalDocuments).to.have.length(1);
    } finally {
      await probe.close();
    }
  });

  it('refuses amendments that are invalid, unasked for, or for another enterprise’s document', async () => {
    const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
    const notAsked = await amend(apiKey, id, { answer: 'Nothing was asked', data: withCpp() });
    expect(notAsked.status).to.equal(409);
    expect(notAsked.body.code).to.equal('AMENDMENT.NOT_AWAITED');

    const broken = structuredClone(declaration);
    delete broken.goodsItems;
    const invalid = await amend(apiKey, id, { answer: 'Corrected', data: broken });
    expect(invalid.status).to.equal(422);
    expect(invalid.body.code).to.equal('VALIDATION.FAILED');

    const shapeless = await amend(apiKey, id, { answer: '', data: [1], hack: true });
    expect(shapeless.status).to.equal(422);
    expect(shapeless.body.errors.map((e: { pointer: string }) => e.pointer)).to.have.members(['/answer', '/data', '/hack']);

    const { apiKey: otherKey } = await client.registerEnterprise('Another Importer Co., Ltd');
    const foreign = await amend(otherKey, id, { answer: 'Not mine', data: withCpp() });
    expect(foreign.status).to.equal(404);
    expect((await amend('', id, { answer: 'x', data: {} })).status).to.equal(401);
  });
});
