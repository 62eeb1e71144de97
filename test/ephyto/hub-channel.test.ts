import { expect } from 'chai';
import { createEphytoFeature } from '../../src/ephyto/ephyto-feature.js';
import { FakeHubInbox } from '../../src/partners/ephyto-hub/fake-hub-inbox.js';
import { HubClient } from '../../src/partners/ephyto-hub/hub-client.js';
import { HubPuller } from '../../src/partners/ephyto-hub/hub-puller.js';
import { transportStatusOf } from '../../src/partners/ephyto-hub/hub-tracking-status.js';
import { startHubSimulator, type HubSimulator } from '../../scripts/ephyto-hub/hub-simulator.js';
import { PHYTO_FIXTURES, SPS_SAMPLES, fixture, sample } from './support/ephyto-fixtures.js';

describe('the IPPC ePhyto hub channel, against the hub simulator', function () {
  this.timeout(60_000);
  const ephyto = createEphytoFeature({ xmlMaxDepth: 64, xmlMaxElements: 100_000 });
  let hub: HubSimulator;
  let client: HubClient;

  beforeEach(async () => {
    hub = await startHubSimulator();
    client = await HubClient.connect({ url: hub.url });
  });
  afterEach(async () => hub?.stop());

  const deliverToNz = () =>
    client.deliver({
      From: 'VN',
      To: 'NZ',
      CertificateType: 851,
      CertificateStatus: 70,
      NPPOCertificateNumber: 'PPD-2025-HCM-0038127',
      Content: ephyto.writer.write(fixture(PHYTO_FIXTURES[1]!)),
    });

  it('delivers an export certificate to NZ and tracks it to Delivered', async () => {
    const header = await deliverToNz();
    expect(header.HUBTrackingInfo).to.equal('PendingDelivery');
    const tracking = await client.tracking(header.hubDeliveryNumber!);
    expect(tracking.state).to.equal('Delivered');
    expect(transportStatusOf(tracking.state)).to.equal('ACKNOWLEDGED');
    expect(ephyto.reader.read(hub.envelope(header.hubDeliveryNumber!)!.Content!).data).to.deep.equal(fixture(PHYTO_FIXTURES[1]!));
  });

  it('a delivery the hub fails is tracked to FailedDelivery with the reason', async () => {
    await hub.setMode('fail-deliveries', 'NZ MPI: consignee not registered');
    const tracking = await client.tracking((await deliverToNz()).hubDeliveryNumber!);
    expect(tracking).to.deep.equal({ state: 'FailedDelivery', error: 'NZ MPI: consignee not registered' });
    expect(transportStatusOf(tracking.state)).to.equal('SEND_FAILURE');
  });

  it('a hub that is down refuses the connection, which is a failure to retry', async () => {
    await hub.setMode('down');
    const failure = await deliverToNz().then(
      () => undefined,
      (error: unknown) => error as { code?: string },
    );
    expect(failure?.code).to.equal('ECONNREFUSED');
    await hub.setMode('normal');
    expect((await deliverToNz()).hubDeliveryNumber).to.match(/^HUB-/);
  });

  it('pulls both real samples, stores them before acknowledging, and recognises a duplicate pull', async () => {
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
    const inbox = new FakeHubInbox();
    const acknowledgedWhenStored: boolean[] = [];
    const store = inbox.store.bind(inbox);
    inbox.store = async (pulled) => {
      acknowledgedWhenStored.push(hub.envelope(pulled.hubDeliveryNumber)!.acknowledged !== undefined);
      return store(pulled);
    };
    const puller = new HubPuller(client, inbox, ephyto.reader, 'VN');
    expect(await puller.pullOnce()).to.deep.equal(numbers.map((hubDeliveryNumber) => ({ hubDeliveryNumber, result: 'accepted' })));
    expect(acknowledgedWhenStored).to.deep.equal([false, false]);
    expect(numbers.map((number) => hub.envelope(number)!.acknowledged)).to.deep.equal(['ok', 'ok']);
    expect([...inbox.envelopes.values()].map((pulled) => pulled.data?.certificateNumber)).to.deep.equal(['123456789CO', '123456789CO']);
    expect(await puller.pullOnce()).to.deep.equal([]);

    // A round that stored an envelope but stopped before acknowledging it: the next round acknowledges, and stores nothing twice.
    const again = hub.inject({
      From: 'CO',
      To: 'VN',
      CertificateType: 851,
      CertificateStatus: 70,
      NPPOCertificateNumber: '123456789CO',
      Content: sample(SPS_SAMPLES[0]!),
    });
    await inbox.store({ ...inbox.envelopes.get(numbers[0]!)!, hubDeliveryNumber: again });
    expect(await puller.pullOnce()).to.deep.equal([{ hubDeliveryNumber: again, result: 'duplicate' }]);
    expect(hub.envelope(again)!.acknowledged).to.equal('ok');
  });

  it('an unreadable certificate is stored and acknowledged as failed, with the reason', async () => {
    const number = hub.inject({
      From: 'TH',
      To: 'VN',
      CertificateType: 851,
      CertificateStatus: 70,
      NPPOCertificateNumber: 'TH-1',
      Content: sample(SPS_SAMPLES[0]!),
    });
    await hub.setMode('malformed');
    const inbox = new FakeHubInbox();
    const [outcome] = await new HubPuller(client, inbox, ephyto.reader, 'VN').pullOnce();
    expect(outcome!.result).to.equal('refused');
    expect(hub.envelope(number)!.acknowledged).to.equal('failed');
    expect(hub.envelope(number)!.failureReason).to.equal(outcome!.reason);
    expect((await inbox.find(number))!.outcome).to.equal('refused');
  });
});
