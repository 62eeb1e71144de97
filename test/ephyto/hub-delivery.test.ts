import { expect } from 'chai';
import { createEphytoFeature } from '../../src/ephyto/ephyto-feature.js';
import { HubClient } from '../../src/partners/ephyto-hub/hub-client.js';
import { ChannelDelivery } from '../../src/partners/outbound/channel-delivery.js';
import { HubDelivery } from '../../src/partners/outbound/hub-delivery.js';
import { PartnerDelivery } from '../../src/partners/outbound/partner-delivery.js';
import { exchangesOf } from '../../src/partners/outbound/partner-exchange.js';
import { httpTransport } from '../../src/partners/outbound/partner-transport.js';
import { startHubSimulator, type HubSimulator } from '../../scripts/ephyto-hub/hub-simulator.js';
import { canonicalFixture } from '../partners/support/fixtures.js';
import { LIMITS, partnerEntry, partnerKit, singleWindowIdentity } from '../partners/support/partner-kit.js';

describe('hub delivery (gateway use case against the hub simulator)', () => {
  const ephyto = createEphytoFeature({ xmlMaxDepth: 64, xmlMaxElements: 200_000 });
  let hub: HubSimulator;
  let kit: Awaited<ReturnType<typeof partnerKit>>;
  let delivery: ChannelDelivery;

  before(async () => {
    hub = await startHubSimulator(0);
  });
  after(() => hub.stop());

  beforeEach(async () => {
    await hub.setMode('normal');
    kit = await partnerKit();
    await kit.directory.put(
      'NZ',
      partnerEntry('NZ', {
        profile: 'nz',
        channel: 'ephyto-hub',
        sends: ['phytosanitary-certificate'],
        receives: ['phytosanitary-certificate'],
      }),
    );
    const client = HubClient.connect({ url: hub.url });
    const gateway = new PartnerDelivery(
      kit.store,
      kit.exchanges,
      kit.directory,
      kit.profiles,
      kit.schemas,
      singleWindowIdentity(),
      httpTransport,
      { ownCountry: 'VN', httpTimeoutMs: 1500, limits: LIMITS },
      kit.logger,
    );
    const hubDelivery = new HubDelivery(
      kit.store,
      kit.exchanges,
      kit.directory,
      () => client,
      ephyto.writer,
      { nppoCode: 'VN', trackingIntervalMs: 100 },
      kit.logger,
    );
    delivery = new ChannelDelivery(kit.store, kit.directory, gateway, hubDelivery);
  });

  const exchangeOf = async (documentId: string) => exchangesOf((await kit.store.get(documentId))!)[0]!;

  it('delivers an export certificate to NZ as an SPSCertificate envelope and tracks it to Delivered (ACKNOWLEDGED)', async () => {
    const data = canonicalFixture('phytosanitary-certificate-nz');
    const { document, job } = await kit.approve('phytosanitary-certificate', data);
    expect(job).to.include({ country: 'NZ' });

    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'ACKNOWLEDGED' });

    const exchange = await exchangeOf(document.id);
    expect(exchange.history.map((event) => event.status)).to.deep.equal([
      'READY_TO_SEND',
      'SENDING',
      'WAITING_FOR_RECEIPT',
      'ACKNOWLEDGED',
    ]);
    expect(exchange.hub).to.include({ trackingInfo: 'Delivered' });
    const held = hub.envelope(exchange.hub!.deliveryNumber)!;
    expect(held).to.include({ From: 'VN', To: 'NZ', NPPOCertificateNumber: data.certificateNumber });
    expect(Number(held.CertificateType)).to.equal(851);
    expect(held.Content).to.contain('urn:un:unece:uncefact:data:standard:SPSCertificate:17');
  });

  it('a copy of a tracked job delivers nothing again', async () => {
    const { job } = await kit.approve('phytosanitary-certificate', canonicalFixture('phytosanitary-certificate-nz'));
    await delivery.deliver(job!);
    const before = hub.held('NZ').length;
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'ACKNOWLEDGED' });
    expect(hub.held('NZ')).to.have.length(before);
  });

  it('while the hub is down the delivery waits for a retry, then goes through once', async () => {
    const { document, job } = await kit.approve('phytosanitary-certificate', canonicalFixture('phytosanitary-certificate-nz'));
    const before = hub.held('NZ').length;
    await hub.setMode('down');
    expect(await delivery.deliver(job!)).to.deep.equal({ retryInMs: 100, status: 'WAITING_FOR_RETRY' });
    expect((await exchangeOf(document.id)).history.at(-1))
      .to.include({ status: 'WAITING_FOR_RETRY' })
      .and.have.property('reason')
      .that.matches(/hub unreachable/);
    await hub.setMode('normal');
    kit.store.documents
      .get(document.id)!
      .partnerExchanges!.forEach((exchange) => delete (exchange as { nextAttemptAt?: Date }).nextAttemptAt);
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'ACKNOWLEDGED' });
    expect(hub.held('NZ')).to.have.length(before + 1);
  });

  it("gives up after the retry policy's attempts while the hub stays down, with the reason", async () => {
    const { document, job } = await kit.approve('phytosanitary-certificate', canonicalFixture('phytosanitary-certificate-nz'));
    await hub.setMode('down');
    for (let attempt = 1; attempt < 3; attempt += 1) {
      expect(await delivery.deliver(job!)).to.have.property('status', 'WAITING_FOR_RETRY');
      kit.store.documents
        .get(document.id)!
        .partnerExchanges!.forEach((exchange) => delete (exchange as { nextAttemptAt?: Date }).nextAttemptAt);
    }
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'SEND_FAILURE' });
    expect((await exchangeOf(document.id)).failure)
      .to.include({ code: 'RETRIES_EXHAUSTED' })
      .and.have.property('reason')
      .that.matches(/gave up after 3 attempts: hub unreachable/);
  });

  it("a delivery the importing NPPO refuses ends FailedDelivery with the hub's reason, not retried", async () => {
    const { document, job } = await kit.approve('phytosanitary-certificate', canonicalFixture('phytosanitary-certificate-nz'));
    await hub.setMode('fail-deliveries', 'NZ MPI: consignee not registered');
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'SEND_FAILURE' });
    const exchange = await exchangeOf(document.id);
    expect(exchange.failure).to.deep.equal({ code: 'FailedDelivery', reason: 'NZ MPI: consignee not registered' });
    expect(exchange.hub).to.include({ trackingInfo: 'FailedDelivery' });
    expect(exchange.attempts).to.equal(1);
  });
});
