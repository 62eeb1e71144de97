import { expect } from 'chai';
import { PartnerDelivery } from '../../src/partners/outbound/partner-delivery.js';
import { exchangesOf } from '../../src/partners/outbound/partner-exchange.js';
import { httpTransport } from '../../src/partners/outbound/partner-transport.js';
import { startPartnerSimulator, type PartnerSimulator } from '../../scripts/partner-simulator/partner-simulator.js';
import { canonicalFixture } from './support/fixtures.js';
import { LIMITS, partnerEntry, partnerKit, singleWindowIdentity } from './support/partner-kit.js';

describe('partner delivery (gateway use case against the simulator)', () => {
  let kit: Awaited<ReturnType<typeof partnerKit>>;
  let thailand: PartnerSimulator;
  let delivery: PartnerDelivery;

  before(async () => {
    thailand = await startPartnerSimulator({
      country: 'TH',
      profile: 'asw',
      singleWindow: { country: 'VN', certificatePem: singleWindowIdentity().certificatePem },
    });
  });
  after(() => thailand.close());

  beforeEach(async () => {
    await thailand.setMode('normal');
    kit = await partnerKit();
    await kit.directory.put('TH', partnerEntry('TH', { gatewayUrl: thailand.url, certificate: thailand.identity.certificatePem }));
    await kit.directory.put('JP', partnerEntry('JP', { enabled: false }));
    delivery = new PartnerDelivery(
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
  });

  const exchangeOf = async (documentId: string) => exchangesOf((await kit.store.get(documentId))!)[0]!;

  it('queues an approved export declaration to Thailand, sends it, and records the signed receipt as ACKNOWLEDGED', async () => {
    const data = canonicalFixture('customs-declaration-export-th');
    const { document, entry, job } = await kit.approve('customs-declaration', data);
    expect(entry).to.include({ exchange: '', routingKey: 'sw.partner.TH.out', state: 'PENDING' });
    expect(await exchangeOf(document.id)).to.include({ country: 'TH', transportStatus: 'READY_TO_SEND' });

    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'ACKNOWLEDGED' });

    const exchange = await exchangeOf(document.id);
    expect(exchange.history.map((event) => event.status)).to.deep.equal([
      'READY_TO_SEND',
      'SENDING',
      'WAITING_FOR_RECEIPT',
      'ACKNOWLEDGED',
    ]);
    expect(exchange.receipt).to.include({ deliveryStatus: 'Delivered' });
    const [received] = thailand.received().filter((message) => message.messageId === exchange.messageId);
    expect(received).to.include({ conversationId: exchange.conversationId, documentType: 'customs-declaration', deliveries: 1 });
    expect(received!.data).to.deep.equal(data);
  });

  it('a copy of an already acknowledged job sends nothing again', async () => {
    const { job } = await kit.approve('certificate-of-origin', canonicalFixture('certificate-of-origin-th'));
    await delivery.deliver(job!);
    const requests = thailand.requests;
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'ACKNOWLEDGED' });
    expect(thailand.requests).to.equal(requests);
  });

  it('while the partner is down the send waits for a retry, and once it is back it is delivered exactly once', async () => {
    const { document, job } = await kit.approve('phytosanitary-certificate', canonicalFixture('phytosanitary-certificate-th'));
    await thailand.setMode('down');
    const first = await delivery.deliver(job!);
    expect(first).to.deep.equal({ retryInMs: 100, status: 'WAITING_FOR_RETRY' });
    // Refused, or reset on a kept-alive connection the partner dropped: either is a transport failure.
    expect((await exchangeOf(document.id)).history.at(-1))
      .to.include({ status: 'WAITING_FOR_RETRY' })
      .and.have.property('reason')
      .that.matches(/ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET/);

    await thailand.setMode('normal');
    await new Promise((resolve) => setTimeout(resolve, first.retryInMs));
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'ACKNOWLEDGED' });
    const exchange = await exchangeOf(document.id);
    expect(exchange.attempts).to.equal(2);
    expect(thailand.received().filter((message) => message.messageId === exchange.messageId)).to.have.length(1);
  });

  it('gives up with SEND_FAILURE once the partner policy runs out of attempts on 5xx answers', async () => {
    const { document, job } = await kit.approve('customs-declaration', canonicalFixture('customs-declaration-export-th'));
    await thailand.setMode('5xx');
    expect((await delivery.deliver(job!)).retryInMs).to.equal(100);
    expect((await delivery.deliver(job!)).retryInMs).to.equal(200);
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'SEND_FAILURE' });
    expect((await exchangeOf(document.id)).failure).to.deep.equal({
      code: 'RETRIES_EXHAUSTED',
      reason: 'gave up after 3 attempts: HTTP 503',
    });
  });

  it('records a negative receipt with its reason and does not retry', async () => {
    const { document, job } = await kit.approve('certificate-of-origin', canonicalFixture('certificate-of-origin-th'));
    await thailand.setMode('negative-receipt');
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'SEND_FAILURE' });
    const exchange = await exchangeOf(document.id);
    expect(exchange.failure?.code).to.equal('INVALID_MESSAGE');
    expect(exchange.receipt).to.include({ deliveryStatus: 'FailedDelivery' });
    expect(exchange.attempts).to.equal(1);
  });

  it('does not trust a receipt signed with a key other than the partner registered, and does not retry blindly', async () => {
    const { document, job } = await kit.approve('customs-declaration', canonicalFixture('customs-declaration-export-th'));
    await thailand.setMode('bad-signature');
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'SEND_FAILURE' });
    expect((await exchangeOf(document.id)).failure?.code).to.equal('RECEIPT_INVALID');
  });

  it('records a receipt with warnings as ACKNOWLEDGED_WITH_WARNING, keeping the warnings', async () => {
    const { document, job } = await kit.approve('customs-declaration', canonicalFixture('customs-declaration-export-th'));
    await thailand.setMode('warning');
    expect(await delivery.deliver(job!)).to.deep.equal({ status: 'ACKNOWLEDGED_WITH_WARNING' });
    expect((await exchangeOf(document.id)).receipt?.warnings).to.have.length(1);
  });

  it('treats a partner slower than the gateway timeout as a transient failure', async () => {
    const { job } = await kit.approve('customs-declaration', canonicalFixture('customs-declaration-export-th'));
    await thailand.setMode('slow', 3000);
    expect(await delivery.deliver(job!)).to.deep.equal({ retryInMs: 100, status: 'WAITING_FOR_RETRY' });
  });

  it('sends nothing for an import, for a destination that is no active partner, or for a document that came from a partner', async () => {
    const importDeclaration = { ...canonicalFixture('customs-declaration-export-th'), declarationType: 'IM' };
    const toJapan = canonicalFixture('customs-declaration-export-th');
    (toJapan.importer as { address: { country: string } }).address.country = 'JP';
    expect((await kit.approve('customs-declaration', importDeclaration)).entry).to.equal(undefined);
    expect((await kit.approve('customs-declaration', toJapan)).entry).to.equal(undefined);
    const fromPartner = await kit.approve('certificate-of-origin', canonicalFixture('certificate-of-origin-th'), {
      channel: 'partner',
      partnerCountry: 'TH',
      partnerMessageId: 'TH-1',
    });
    expect(fromPartner.entry).to.equal(undefined);
  });
});
