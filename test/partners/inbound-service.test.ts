import { expect } from 'chai';
import type { ValidationIssue } from '../../src/kernel/validation-issue.js';
import { FakeInboundMessageStore } from '../../src/partners/inbound/fake-inbound-message-store.js';
import type { InboundDocumentIntake } from '../../src/partners/inbound/inbound-document-intake.js';
import { InboundProcessor } from '../../src/partners/inbound/inbound-processor.js';
import { InboundService } from '../../src/partners/inbound/inbound-service.js';
import { InboundVerifier } from '../../src/partners/inbound/inbound-verifier.js';
import type { PartnerDocumentFinder } from '../../src/partners/outbound/partner-document-finder.js';
import { exchangesOf } from '../../src/partners/outbound/partner-exchange.js';
import { readReceipt } from '../../src/partners/messages/receipt-reader.js';
import { digestOf } from '../../src/partners/messages/receipt-issuer.js';
import { createSelfSignedIdentity } from '../../src/partners/signing/self-signed-certificate.js';
import { SimulatorOutbox } from '../../scripts/partner-simulator/simulator-outbox.js';
import { canonicalFixture } from './support/fixtures.js';
import { LIMITS, partnerEntry, partnerKit, singleWindowIdentity } from './support/partner-kit.js';

class RecordingIntake implements InboundDocumentIntake {
  issues: ValidationIssue[] = [];
  readonly submitted: Parameters<InboundDocumentIntake['submit']>[0][] = [];
  async check() {
    return this.issues;
  }
  async submit(input: Parameters<InboundDocumentIntake['submit']>[0]) {
    this.submitted.push(input);
    return { id: `doc-${this.submitted.length}` };
  }
}

describe('inbound partner messages (verify, deduplicate, store, receipt)', () => {
  const thailandKey = createSelfSignedIdentity({
    country: 'TH',
    organisation: 'Thailand National Single Window',
    commonName: 'nsw-th gateway',
  });
  let kit: Awaited<ReturnType<typeof partnerKit>>;
  let store: FakeInboundMessageStore;
  let intake: RecordingIntake;
  let inbound: InboundService;
  let processor: InboundProcessor;
  let thailand: SimulatorOutbox;
  let now: Date;
  const conversations = new Map<string, string>();
  const finder: PartnerDocumentFinder = {
    byConversation: async (_country, conversationId) => conversations.get(conversationId),
    byInboundMessage: async () => undefined,
  };

  beforeEach(async () => {
    kit = await partnerKit();
    await kit.directory.put('TH', partnerEntry('TH', { certificate: thailandKey.certificatePem }));
    await kit.directory.put('SG', partnerEntry('SG'));
    store = new FakeInboundMessageStore();
    intake = new RecordingIntake();
    now = new Date();
    const options = { ownCountry: 'VN', replayWindowMs: 15 * 60_000, clockSkewMs: 5 * 60_000, limits: LIMITS };
    inbound = new InboundService(
      new InboundVerifier(kit.directory, kit.schemas, 'VN', LIMITS),
      kit.profiles,
      kit.schemas,
      store,
      finder,
      intake,
      singleWindowIdentity(),
      options,
      kit.logger,
      () => now,
    );
    processor = new InboundProcessor(
      store,
      intake,
      finder,
      kit.exchanges,
      { leaseMs: 1000, maxAttempts: 3, sweepIntervalMs: 1000 },
      kit.logger,
    );
    thailand = new SimulatorOutbox('TH', 'asw', { country: 'VN' }, thailandKey, kit.profiles);
  });

  const eFormD = () => ({ type: 'certificate-of-origin' as const, data: canonicalFixture('inbound-certificate-of-origin-from-th') });
  const receiptOf = (xml: string) => readReceipt(xml, singleWindowIdentity().certificatePem, kit.schemas, LIMITS);

  it('stores an e-Form D from Thailand before answering, with a signed receipt naming the message and the digest of the bytes', async () => {
    const { xml, header } = thailand.buildDocument(eFormD());
    const outcome = await inbound.receive('TH', xml);

    expect(outcome).to.include({ status: 200, result: 'accepted' });
    expect(receiptOf(outcome.receiptXml)).to.include({
      refToMessageId: header.messageId,
      from: 'VN',
      to: 'TH',
      deliveryStatus: 'Delivered',
      receivedDigest: digestOf(xml),
    });
    expect(await store.find('TH', header.messageId)).to.include({ state: 'RECEIVED', receiptXml: outcome.receiptXml, body: xml });

    expect(await processor.processOne(outcome.storedId)).to.equal(true);
    expect(intake.submitted).to.have.length(1);
    expect(intake.submitted[0]).to.deep.include({
      enterpriseId: 'partner:TH',
      type: 'certificate-of-origin',
      origin: { channel: 'partner', partnerCountry: 'TH', partnerMessageId: header.messageId },
    });
    expect(intake.submitted[0]!.data).to.deep.equal(eFormD().data);
    expect(await store.find('TH', header.messageId)).to.include({ state: 'PROCESSED', documentId: 'doc-1' });
  });

  it('answers a duplicate with the very same receipt and does not process it twice', async () => {
    const { xml } = thailand.buildDocument(eFormD());
    const first = await inbound.receive('TH', xml);
    await processor.processOne(first.storedId);
    const again = await inbound.receive('TH', xml);
    expect(again).to.deep.equal({ status: 200, receiptXml: first.receiptXml, result: 'duplicate' });
    expect(await processor.processOne()).to.equal(false);
    expect(intake.submitted).to.have.length(1);
  });

  const refusals: [string, () => Promise<string>, string, number][] = [
    ['unsigned', async () => thailand.buildDocument({ ...eFormD(), unsigned: true }).xml, 'UNSIGNED', 401],
    [
      'tampered after signing',
      async () => thailand.buildDocument(eFormD()).xml.replace('Canned tuna', 'Canned salmon'),
      'BAD_SIGNATURE',
      401,
    ],
    [
      'replayed from outside the window',
      async () => thailand.buildDocument({ ...eFormD(), sentAt: new Date(now.getTime() - 16 * 60_000) }).xml,
      'EXPIRED',
      409,
    ],
    [
      'dated in the future',
      async () => thailand.buildDocument({ ...eFormD(), sentAt: new Date(now.getTime() + 10 * 60_000) }).xml,
      'EXPIRED',
      409,
    ],
    ['addressed to another country', async () => thailand.buildDocument({ ...eFormD(), to: 'LA' }).xml, 'WRONG_RECIPIENT', 403],
    ['not XML at all', async () => 'certificate of origin TH-VN 25/01/045221', 'MALFORMED', 400],
    [
      'carrying a DOCTYPE',
      async () => '<!DOCTYPE x [<!ENTITY a "aaaa">]><PartnerMessage xmlns="urn:single-window:partner-exchange:1">&a;</PartnerMessage>',
      'MALFORMED',
      400,
    ],
    [
      'not valid for its canonical schema',
      async () => {
        intake.issues = [{ pointer: '/items/0/hsCode', code: 'HS.UNKNOWN', message: 'heading 9999 does not exist' }];
        return thailand.buildDocument(eFormD()).xml;
      },
      'INVALID_MESSAGE',
      422,
    ],
  ];
  for (const [situation, build, reason, status] of refusals) {
    it(`refuses a message ${situation} with a signed negative receipt (${reason}) and stores nothing`, async () => {
      const outcome = await inbound.receive('TH', await build());
      expect(outcome).to.include({ status, result: 'refused', reason });
      const receipt = receiptOf(outcome.receiptXml);
      expect(receipt).to.include({ deliveryStatus: 'FailedDelivery', to: 'TH' });
      expect(receipt.reason?.code).to.equal(reason);
      expect(store.messages.size).to.equal(0);
    });
  }

  it('refuses a message posted for a partner without a registered certificate, and one whose sender differs from the path', async () => {
    const fromThailand = thailand.buildDocument(eFormD()).xml;
    expect(await inbound.receive('SG', fromThailand)).to.include({ reason: 'WRONG_SENDER' });
    const singapore = new SimulatorOutbox('SG', 'asw', { country: 'VN' }, thailandKey, kit.profiles);
    expect(await inbound.receive('SG', singapore.buildDocument(eFormD()).xml)).to.include({ reason: 'UNKNOWN_PARTNER', status: 403 });
  });

  it('records a business response on the exchange it answers, once, and refuses one for an unknown conversation', async () => {
    const { document, job } = await kit.approve('customs-declaration', canonicalFixture('customs-declaration-export-th'));
    conversations.set(job!.conversationId, document.id);
    const response = {
      conversationId: job!.conversationId,
      refToMessageId: 'VN-out-1',
      documentType: 'customs-declaration',
      outcome: 'REJECTED' as const,
      reason: 'Importer licence suspended',
      partnerReference: 'TH-IMP-2025-77812',
    };
    const { xml } = thailand.buildBusinessResponse(response);
    const outcome = await inbound.receive('TH', xml);
    expect(outcome).to.include({ status: 200, result: 'accepted' });
    await processor.processOne(outcome.storedId);
    await inbound.receive('TH', xml);
    await processor.processOne();

    const [exchange] = exchangesOf((await kit.store.get(document.id))!);
    expect(exchange!.businessResponses).to.have.length(1);
    expect(exchange!.businessResponses[0]).to.include({
      outcome: 'REJECTED',
      reason: 'Importer licence suspended',
      partnerReference: 'TH-IMP-2025-77812',
    });

    const unknown = thailand.buildBusinessResponse({ ...response, conversationId: 'c-never-sent' });
    expect(receiptOf((await inbound.receive('TH', unknown.xml)).receiptXml).reason?.code).to.equal('UNKNOWN_CONVERSATION');
  });
});
