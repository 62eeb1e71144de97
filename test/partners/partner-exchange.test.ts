import { expect } from 'chai';
import amqp from 'amqplib';
import request from 'supertest';
import type { PartnerSimulator } from '../../scripts/partner-simulator/partner-simulator.js';
import type { AgencyWorkEnvelope, AgencyWorkJson } from '../../src/kernel/contracts/agency-work.js';
import type { RunningService } from '../../src/service.js';
import { amqpProbe } from '../routing/support/amqp-probe.js';
import { requireTestAmqpUrl } from '../support/test-service.js';
import { canonicalFixture } from './support/fixtures.js';
import { ADMIN, approveByAgencies, eventually, exchanges, registerEnterprise, startServiceWithThailand } from './support/service-kit.js';

describe('partner exchange, end to end (service, RabbitMQ, simulated Thai single window)', function () {
  this.timeout(60_000);
  let service: RunningService & { url: string };
  let thailand: PartnerSimulator;
  let apiKey: string;

  before(async () => {
    ({ service, thailand } = await startServiceWithThailand());
    apiKey = await registerEnterprise(service.url, '1100107519', 'Long An Food Processing Export JSC (LAFOOCO)');
  });
  after(async () => {
    await thailand?.close();
    await service?.stop();
  });
  beforeEach(() => thailand.setMode('normal'));

  async function submitAndApprove(type: string, data: Record<string, unknown>, agencies: string[]): Promise<string> {
    const submitted = await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${apiKey}`)
      .send({ type, data })
      .expect(202);
    await approveByAgencies(service.url, apiKey, submitted.body.id as string, agencies);
    return submitted.body.id as string;
  }

  const transport = (id: string, statuses: string[]) =>
    eventually(
      () => exchanges(service.url, id),
      (body) => statuses.includes(String(body.items[0]?.transportStatus)),
      `the exchange of ${id} to reach ${statuses.join(' or ')}`,
    );

  it('an approved export declaration to Thailand travels out, signed, and is ACKNOWLEDGED with the partner receipt', async () => {
    const data = canonicalFixture('customs-declaration-export-th');
    const id = await submitAndApprove('customs-declaration', data, ['MARD-PPD', 'CUSTOMS']);

    const { status, items } = await transport(id, ['ACKNOWLEDGED']);
    expect(status).to.equal('APPROVED');
    const [exchange] = items as {
      messageId: string;
      country: string;
      receipt: { deliveryStatus: string };
      history: { status: string }[];
    }[];
    expect(exchange).to.include({ country: 'TH' });
    expect(exchange!.receipt.deliveryStatus).to.equal('Delivered');
    expect(exchange!.history.map((event) => event.status)).to.deep.equal([
      'READY_TO_SEND',
      'SENDING',
      'WAITING_FOR_RECEIPT',
      'ACKNOWLEDGED',
    ]);
    const received = thailand.received().find((message) => message.messageId === exchange!.messageId);
    expect(received?.data).to.deep.equal(data);
  });

  it('while Thailand is down the certificate waits for a retry; once it is back it is delivered exactly once', async () => {
    await thailand.setMode('down');
    const id = await submitAndApprove('certificate-of-origin', canonicalFixture('certificate-of-origin-th'), ['MOIT']);
    await transport(id, ['WAITING_FOR_RETRY']);
    await thailand.setMode('normal');

    const { items } = await transport(id, ['ACKNOWLEDGED']);
    const exchange = items[0] as { messageId: string; attempts: number };
    expect(exchange.attempts).to.be.greaterThan(1);
    expect(thailand.received().filter((message) => message.messageId === exchange.messageId)).to.have.length(1);
    expect(thailand.received().find((message) => message.messageId === exchange.messageId)?.deliveries).to.equal(1);
  });

  it('a negative receipt is recorded with its reason as SEND_FAILURE and not retried', async () => {
    await thailand.setMode('negative-receipt');
    // Thailand's phytosanitary certificates take the ePhyto hub (the directory's documentChannels); its gateway gets the rest.
    const id = await submitAndApprove('certificate-of-origin', canonicalFixture('certificate-of-origin-th'), ['MOIT']);
    const { items } = await transport(id, ['SEND_FAILURE']);
    const exchange = items[0] as { attempts: number; failure: { code: string; reason: string } };
    expect(exchange.failure.code).to.equal('INVALID_MESSAGE');
    expect(exchange.attempts).to.equal(1);
    const requests = thailand.requests;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(thailand.requests).to.equal(requests);
  });

  it("Thailand's later business response is linked by conversation and recorded on the exchange", async () => {
    const id = await submitAndApprove('certificate-of-origin', canonicalFixture('certificate-of-origin-th'), ['MOIT']);
    const { items } = await transport(id, ['ACKNOWLEDGED']);
    const exchange = items[0] as { conversationId: string; messageId: string };
    const sent = await thailand.sendBusinessResponse({
      conversationId: exchange.conversationId,
      refToMessageId: exchange.messageId,
      documentType: 'certificate-of-origin',
      outcome: 'ACCEPTED',
      partnerReference: 'TH-CO-2025-118734',
    });
    expect(sent.status).to.equal(200);
    const after = await eventually(
      () => exchanges(service.url, id),
      (body) => ((body.items[0]?.businessResponses as unknown[]) ?? []).length > 0,
      'the business response',
    );
    expect((after.items[0]!.businessResponses as Record<string, unknown>[])[0]).to.include({
      outcome: 'ACCEPTED',
      partnerReference: 'TH-CO-2025-118734',
    });
  });

  it('a job on sw.partner.TH.out that names no document goes to the dead-letter queue, not back to the partner', async () => {
    const connection = await amqp.connect(requireTestAmqpUrl());
    try {
      const channel = await connection.createConfirmChannel();
      const requests = thailand.requests;
      channel.sendToQueue(
        'sw.partner.TH.out',
        Buffer.from(JSON.stringify({ documentId: 'no-such-document', conversationId: 'c-1', country: 'TH' })),
        { messageId: 'orphan-job-1', persistent: true },
      );
      await channel.waitForConfirms();
      const dead = await eventually(
        () => channel.get('sw.partner.TH.out.dlq', { noAck: true }),
        (message) => message !== false,
        'the dead letter',
      );
      expect(dead && dead.properties.messageId).to.equal('orphan-job-1');
      expect(thailand.requests).to.equal(requests);
    } finally {
      await connection.close();
    }
  });

  describe('inbound', () => {
    let probe: Awaited<ReturnType<typeof amqpProbe>>;
    before(async () => {
      probe = await amqpProbe(requireTestAmqpUrl());
    });
    after(async () => {
      await probe?.close();
    });

    /** The first message on an agency's queue about this document (agencies read their queue; this test reads it for them). */
    const workFor = async (agency: string, documentId: string) => {
      const queue = await probe.collect(`sw.agency.${agency}`);
      return probe.waitFor(
        () => queue.find((message) => message.properties.correlationId === documentId),
        `${agency}'s work on ${documentId}`,
      );
    };
    const arrivedFor = async (agency: string, documentId: string) =>
      (await probe.collect(`sw.agency.${agency}`)).some((message) => message.properties.correlationId === documentId);

    async function decideAsAgency(agency: string, documentId: string, permitNumber: string): Promise<void> {
      const key = (await request(service.url).post(`/api/v1/admin/agencies/${agency}/api-keys`).set(ADMIN).expect(201)).body
        .apiKey as string;
      await request(service.url)
        .post(`/api/v1/agencies/${agency}/decisions`)
        .set('Authorization', `Bearer ${key}`)
        .send({ documentId, agency, decision: 'APPROVED', permitNumber, decidedAt: new Date().toISOString() })
        .expect(201);
    }

    it('an e-Form D from Thailand is stored, receipted, and routed as a partner document to MOIT for verification, then to customs', async () => {
      await probe.collect('sw.agency.MOIT');
      await probe.collect('sw.agency.CUSTOMS');
      const data = canonicalFixture('inbound-certificate-of-origin-from-th');
      const sent = await thailand.sendDocument({ type: 'certificate-of-origin', data });
      expect(sent.status).to.equal(200);
      expect(sent.receiptXml).to.contain('<DeliveryStatus>Delivered</DeliveryStatus>').and.to.contain('<ds:SignatureValue>');

      const messages = await eventually(
        async () => (await request(service.url).get('/metrics')).text,
        (text) => /sw_partner_inbound_messages_total\{partner="TH",result="accepted",reason=""\} [1-9]/.test(text),
        'the accepted counter',
      );
      expect(messages).to.contain('sw_partner_inbound_messages_total');
      const documents = service.context.db.connection.collection('documents');
      const stored = await eventually(
        () =>
          documents.findOne({ 'origin.channel': 'partner', 'origin.partnerCountry': 'TH', 'data.referenceNumber': 'TH-VN 25/01/045221' }),
        (document) => document !== null && document.status === 'ROUTED',
        'the routed document',
      );
      expect(stored!.enterpriseId).to.equal('partner:TH');
      expect(stored!.data).to.deep.equal(data);
      const id = String(stored!._id);

      const moitWork = JSON.parse((await workFor('MOIT', id)).content.toString()) as AgencyWorkJson;
      expect(moitWork.routing).to.deep.equal({
        ruleSetVersion: '2026-11',
        rules: ['certificate-of-origin-issuance', 'partner-certificate-of-origin-verification'],
      });
      expect(moitWork.document).to.deep.equal(data);
      // Customs decides last: it gets the certificate once MOIT has verified it.
      expect(await arrivedFor('CUSTOMS', id)).to.equal(false);

      await decideAsAgency('MOIT', id, '04418/CO-BCT');
      const customsWork = await workFor('CUSTOMS', id);
      expect(customsWork.properties).to.include({ type: 'certificate-of-origin', contentType: 'application/xml' });
      const envelope = JSON.parse(String(customsWork.properties.headers!['x-envelope'])) as AgencyWorkEnvelope;
      expect(envelope.routing).to.deep.equal({ ruleSetVersion: '2026-11', rules: ['partner-certificate-of-origin-verification'] });
      expect(envelope.earlierDecisions.map((d) => [d.agency, d.decision, d.permitNumber])).to.deep.equal([
        ['MOIT', 'APPROVED', '04418/CO-BCT'],
      ]);
    });

    it('an import declaration (ACDD) from Thailand goes to customs, after the fishery inspection its tuna needs', async () => {
      await probe.collect('sw.agency.MARD-NAFIQAD');
      await probe.collect('sw.agency.CUSTOMS');
      const data = canonicalFixture('inbound-customs-declaration-from-th');
      data.localReferenceNumber = 'TUG-EX-250618-07';
      expect((await thailand.sendDocument({ type: 'customs-declaration', data })).status).to.equal(200);
      const documents = service.context.db.connection.collection('documents');
      const stored = await eventually(
        () => documents.findOne({ 'origin.channel': 'partner', 'data.localReferenceNumber': 'TUG-EX-250618-07' }),
        (document) => document !== null && document.status === 'ROUTED',
        'the routed declaration',
      );
      const id = String(stored!._id);

      const inspection = JSON.parse((await workFor('MARD-NAFIQAD', id)).content.toString()) as AgencyWorkJson;
      expect(inspection.routing.rules).to.deep.equal(['fishery-products-quality']);
      expect(await arrivedFor('CUSTOMS', id)).to.equal(false);
      await decideAsAgency('MARD-NAFIQAD', id, '779/CL-QLCL');
      const customsWork = await workFor('CUSTOMS', id);
      const envelope = JSON.parse(String(customsWork.properties.headers!['x-envelope'])) as AgencyWorkEnvelope;
      expect(envelope).to.include({ agency: 'CUSTOMS', type: 'customs-declaration' });
      expect(envelope.routing.rules).to.deep.equal(['customs-clearance']);
      expect(envelope.earlierDecisions.map((d) => [d.agency, d.permitNumber])).to.deep.equal([['MARD-NAFIQAD', '779/CL-QLCL']]);
    });

    it('a duplicate gets the same receipt again and does not create a second document', async () => {
      const data = canonicalFixture('inbound-customs-declaration-from-th');
      const { xml } = thailand.buildDocumentMessage({ type: 'customs-declaration', data });
      const first = await thailand.post(xml);
      const second = await thailand.post(xml);
      expect(first.status).to.equal(200);
      expect(second).to.include({ status: 200, receiptXml: first.receiptXml });
      const documents = service.context.db.connection.collection('documents');
      await eventually(
        () => documents.countDocuments({ 'data.localReferenceNumber': 'TUG-EX-250618-02' }),
        (count) => count === 1,
        'the declaration document',
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await documents.countDocuments({ 'data.localReferenceNumber': 'TUG-EX-250618-02' })).to.equal(1);
    });

    const refused: [string, () => string, number, string][] = [
      [
        'a tampered message',
        () =>
          thailand
            .buildDocumentMessage({ type: 'certificate-of-origin', data: canonicalFixture('inbound-certificate-of-origin-from-th') })
            .xml.replace('Thai Union Group PCL', 'Thai Union Group PLC'),
        401,
        'BAD_SIGNATURE',
      ],
      [
        'an unsigned message',
        () =>
          thailand.buildDocumentMessage({
            type: 'certificate-of-origin',
            data: canonicalFixture('inbound-certificate-of-origin-from-th'),
            unsigned: true,
          }).xml,
        401,
        'UNSIGNED',
      ],
      [
        'a message replayed an hour later',
        () =>
          thailand.buildDocumentMessage({
            type: 'certificate-of-origin',
            data: canonicalFixture('inbound-certificate-of-origin-from-th'),
            sentAt: new Date(Date.now() - 3_600_000),
          }).xml,
        409,
        'EXPIRED',
      ],
    ];
    for (const [situation, build, status, code] of refused) {
      it(`${situation} gets a signed negative receipt naming ${code}`, async () => {
        const response = await request(service.url)
          .post('/api/v1/partners/TH/messages')
          .set('Content-Type', 'application/xml')
          .send(build())
          .expect(status);
        expect(response.type).to.equal('application/xml');
        expect(response.text)
          .to.contain('<DeliveryStatus>FailedDelivery</DeliveryStatus>')
          .and.to.contain(`<Reason code="${code}"`)
          .and.to.contain('<ds:SignatureValue>');
      });
    }

    it('a message posted for an unknown partner, or as JSON, is refused without a 5xx', async () => {
      const fromThailand = thailand.buildDocumentMessage({
        type: 'certificate-of-origin',
        data: canonicalFixture('inbound-certificate-of-origin-from-th'),
      }).xml;
      const wrongPath = await request(service.url)
        .post('/api/v1/partners/SG/messages')
        .set('Content-Type', 'application/xml')
        .send(fromThailand)
        .expect(403);
      expect(wrongPath.text).to.contain('<Reason code="WRONG_SENDER"');
      await request(service.url)
        .post('/api/v1/partners/TH/messages')
        .send({ hello: 'world' })
        .expect(415)
        .expect('Content-Type', /problem\+json/);
      await request(service.url)
        .post('/api/v1/partners/thailand/messages')
        .set('Content-Type', 'application/xml')
        .send(fromThailand)
        .expect(400);
    });
  });

  describe('directory administration', () => {
    it('reads and updates a partner with the admin token, refusing an entry naming a profile that does not exist', async () => {
      await request(service.url).get('/api/v1/admin/partners/KR').expect(401);
      const korea = await request(service.url).get('/api/v1/admin/partners/KR').set(ADMIN).expect(200);
      expect(korea.body).to.include({ country: 'KR', profile: 'kr' });
      const invalid = await request(service.url)
        .put('/api/v1/admin/partners/KR')
        .set(ADMIN)
        .send({ ...korea.body, profile: 'kcs' })
        .expect(422);
      expect((invalid.body.errors as { detail: string }[]).map((error) => error.detail).join()).to.contain('profile "kcs" does not exist');
      await request(service.url)
        .put('/api/v1/admin/partners/KR')
        .set(ADMIN)
        .send({ ...korea.body, gatewayUrl: 'https://edi-gateway.kr.example/coo/v2/messages' })
        .expect(200);
      expect((await request(service.url).get('/api/v1/admin/partners/KR').set(ADMIN)).body.gatewayUrl).to.equal(
        'https://edi-gateway.kr.example/coo/v2/messages',
      );
      await request(service.url).get('/api/v1/admin/partners/XX').set(ADMIN).expect(404);
    });
  });
});
