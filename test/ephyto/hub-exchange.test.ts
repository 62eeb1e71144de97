import { expect } from 'chai';
import request from 'supertest';
import { startHubSimulator, type HubSimulator } from '../../scripts/ephyto-hub/hub-simulator.js';
import { MongoHubInbox } from '../../src/partners/ephyto-hub/mongo-hub-inbox.js';
import type { RunningService } from '../../src/service.js';
import { startTestService } from '../support/test-service.js';
import { canonicalFixture } from '../partners/support/fixtures.js';
import { SPS_SAMPLES, sample } from './support/ephyto-fixtures.js';
import { ADMIN, FAST_RETRIES, approveByAgencies, eventually, exchanges, registerEnterprise } from '../partners/support/service-kit.js';

describe('ePhyto through the hub, end to end (service, RabbitMQ, hub simulator)', function () {
  this.timeout(60_000);
  let hub: HubSimulator;
  let service: RunningService & { url: string };
  let apiKey: string;

  before(async () => {
    hub = await startHubSimulator(0);
    service = await startTestService({ ephytoHubUrl: hub.url, ephytoHubPollIntervalMs: 200 });
    const current = await request(service.url).get('/api/v1/admin/partners/NZ').set(ADMIN).expect(200);
    await request(service.url)
      .put('/api/v1/admin/partners/NZ')
      .set(ADMIN)
      .send({ ...current.body, retryPolicy: FAST_RETRIES })
      .expect(200);
    apiKey = await registerEnterprise(service.url, '1100107519', 'Long An Food Processing Export JSC (LAFOOCO)');
  });
  after(async () => {
    await service?.stop();
    await hub?.stop();
  });
  beforeEach(() => hub.setMode('normal'));

  async function submitAndApprove(): Promise<string> {
    const submitted = await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${apiKey}`)
      .send({ type: 'phytosanitary-certificate', data: canonicalFixture('phytosanitary-certificate-nz') })
      .expect(202);
    await approveByAgencies(service.url, apiKey, submitted.body.id as string, ['MARD-PPD']);
    return submitted.body.id as string;
  }

  const transport = (id: string, statuses: string[]) =>
    eventually(
      () => exchanges(service.url, id),
      (body) => statuses.includes(String(body.items[0]?.transportStatus)),
      `the exchange of ${id} to reach ${statuses.join(' or ')}`,
    );

  it('an approved export certificate to NZ is delivered through the hub and tracked to Delivered (ACKNOWLEDGED)', async () => {
    const id = await submitAndApprove();
    const { items } = await transport(id, ['ACKNOWLEDGED']);
    const exchange = items[0] as { country: string; hub: { deliveryNumber: string; trackingInfo: string }; history: { status: string }[] };
    expect(exchange).to.include({ country: 'NZ' });
    expect(exchange.hub.trackingInfo).to.equal('Delivered');
    expect(exchange.history.map((event) => event.status)).to.deep.equal([
      'READY_TO_SEND',
      'SENDING',
      'WAITING_FOR_RECEIPT',
      'ACKNOWLEDGED',
    ]);
    expect(hub.envelope(exchange.hub.deliveryNumber)).to.include({ From: 'VN', To: 'NZ' });
  });

  it('while the hub is down the delivery is retried, and ends FailedDelivery with the reason when NZ refuses it', async () => {
    await hub.setMode('down');
    const id = await submitAndApprove();
    await transport(id, ['WAITING_FOR_RETRY']);
    await hub.setMode('fail-deliveries', 'NZ MPI: consignee not registered');
    const { items } = await transport(id, ['SEND_FAILURE']);
    const exchange = items[0] as {
      attempts: number;
      failure: { code: string; reason: string };
      history: { status: string; reason?: string }[];
    };
    expect(exchange.attempts).to.be.greaterThan(1);
    expect(exchange.failure).to.deep.equal({ code: 'FailedDelivery', reason: 'NZ MPI: consignee not registered' });
    expect(exchange.history.find((event) => event.status === 'WAITING_FOR_RETRY')?.reason).to.match(/hub unreachable/);
  });

  it('both real samples pulled from the hub are stored, acknowledged, and routed to MARD-PPD as partner documents', async () => {
    const numbers = SPS_SAMPLES.map((name) =>
      hub.inject({
        From: 'CO',
        To: 'VN',
        CertificateType: 851,
        CertificateStatus: 70,
        NPPOCertificateNumber: '123456789CO',
        Content: sample(name),
      }),
    );
    const inbox = service.context.db.connection.collection<{ hubDeliveryNumber: string; documentId?: string }>('ephyto_hub_inbox');
    for (const number of numbers) {
      const stored = await eventually(
        () => inbox.findOne({ hubDeliveryNumber: number }),
        (row) => Boolean(row?.documentId),
        `envelope ${number} stored and submitted`,
      );
      expect(hub.envelope(number)!.acknowledged).to.equal('ok');
      const document = await eventually(
        () =>
          service.context.db.connection
            .collection<{ _id: string; enterpriseId: string; origin: { channel: string }; routing?: { agencies: { agency: string }[] } }>(
              'documents',
            )
            .findOne({ _id: stored!.documentId! }),
        (row) => (row?.routing?.agencies.length ?? 0) > 0,
        `the document of ${number} routed`,
      );
      expect(document).to.include({ enterpriseId: 'partner:CO' });
      expect(document!.origin.channel).to.equal('partner');
      expect(document!.routing!.agencies.map((assignment) => assignment.agency)).to.deep.equal(['MARD-PPD']);
    }
  });

  it('the stored inbox recognises a second pull of a delivery number, whichever process or run pulls it', async () => {
    const pulled = {
      hubDeliveryNumber: 'HUB-DUPLICATE-1',
      from: 'CO',
      certificateNumber: 'X',
      certificateStatus: 70,
      content: '<x/>',
      outcome: 'accepted' as const,
      warnings: [],
      pulledAt: new Date(),
      documentId: 'already-submitted',
    };
    expect(await new MongoHubInbox(service.context.db.connection).store(pulled)).to.equal(true);
    expect(await new MongoHubInbox(service.context.db.connection).store({ ...pulled, content: '<y/>' })).to.equal(false);
    expect((await new MongoHubInbox(service.context.db.connection).find('HUB-DUPLICATE-1'))?.content).to.equal('<x/>');
  });
});
