import { expect } from 'chai';
import type { DocumentType, TradeDocument } from '../../src/kernel/document-record.js';
import { routingOf } from '../../src/kernel/routing-plan.js';
import { ENVELOPE_HEADER, type AgencyWorkEnvelope, type AgencyWorkJson } from '../../src/kernel/contracts/agency-work.js';
import { fixture, routingKit, submittedDocument } from './support/routing-kit.js';

describe('routing planner', () => {
  const kit = routingKit();
  const declaration = fixture('routing/import-salmon-and-medicines.json');
  /** A document as the partner exchange submits it: owned by the partner channel. */
  const fromThailand = (type: DocumentType, data: Record<string, unknown>): TradeDocument => ({
    ...submittedDocument(type, data),
    enterpriseId: 'partner:TH',
    origin: { channel: 'partner', partnerCountry: 'TH', partnerMessageId: 'TH-SW-2025-0618-000231' },
  });
  const agenciesOf = (document: TradeDocument) =>
    routingOf({ routing: kit.planner.plan(document).routing })!.agencies.map((a) => [a.agency, a.status, a.rules]);

  it('routes an import of frozen salmon (HS 03) and tablets (HS 30) to NAFIQAD and the Drug Administration, holding customs until they approve', () => {
    const plan = kit.planner.plan(submittedDocument('customs-declaration', declaration));
    const routing = routingOf({ routing: plan.routing })!;
    expect(plan.status).to.equal('ROUTED');
    expect(routing.ruleSetVersion).to.equal('2026-11');
    expect(routing.agencies.map((a) => [a.agency, a.status])).to.have.deep.members([
      ['CUSTOMS', 'HELD'],
      ['MARD-NAFIQAD', 'PENDING'],
      ['MOH-DAV', 'PENDING'],
    ]);
    const nafiqad = routing.agencies.find((a) => a.agency === 'MARD-NAFIQAD')!;
    expect(nafiqad.rules).to.deep.equal(['fishery-products-quality']);
    expect(nafiqad.goodsItems).to.deep.equal([0]);
    expect(nafiqad.dueAt!.getTime() - nafiqad.dispatchedAt!.getTime()).to.equal(48 * 3_600_000);
  });

  it('puts one message per dispatched agency and the SUBMITTED and ROUTED events in the outbox', () => {
    const plan = kit.planner.plan(submittedDocument('customs-declaration', declaration));
    expect(plan.outbox.map((e) => `${e.exchange}/${e.routingKey}`)).to.deep.equal([
      'sw.events/document.SUBMITTED',
      'sw.agency/MARD-NAFIQAD',
      'sw.agency/MOH-DAV',
      'sw.events/document.ROUTED',
    ]);
    expect(plan.history).to.have.length(1);
    expect(plan.history![0]).to.include({ from: 'SUBMITTED', to: 'ROUTED', actor: 'system' });
    // Plain entries: how the relay claims them is the outbox store's business.
    expect(plan.outbox.every((e) => e.state === 'PENDING' && !('leaseUntil' in e) && !('leaseOwner' in e))).to.equal(true);
  });

  it('gives the Drug Administration only the goods item that concerns it', () => {
    const plan = kit.planner.plan(submittedDocument('customs-declaration', declaration));
    const message = plan.outbox.find((e) => e.routingKey === 'MOH-DAV')!;
    expect(message.contentType).to.equal('application/json');
    const body = JSON.parse(message.body) as AgencyWorkJson;
    const goods = body.document.goodsItems as { hsCode: string }[];
    expect(goods.map((g) => g.hsCode)).to.deep.equal(['30049099']);
    expect(body.goodsItems).to.deep.equal([1]);
    expect(body).to.include({ agency: 'MOH-DAV', type: 'customs-declaration', dispatch: 1 });
    expect(body.routing).to.deep.equal({ ruleSetVersion: '2026-11', rules: ['medicines'] });
  });

  it('sends customs-only declarations to customs at once, as XML with the envelope in a header', () => {
    const textiles = structuredClone(declaration);
    const items = textiles.goodsItems as Record<string, unknown>[];
    items[0]!.hsCode = '61091000';
    items[1]!.hsCode = '62034200';
    const plan = kit.planner.plan(submittedDocument('customs-declaration', textiles));
    const routing = routingOf({ routing: plan.routing })!;
    expect(routing.agencies.map((a) => [a.agency, a.status])).to.deep.equal([['CUSTOMS', 'PENDING']]);
    const message = plan.outbox.find((e) => e.routingKey === 'CUSTOMS')!;
    expect(message.contentType).to.equal('application/xml');
    expect(kit.codec.decode('customs-declaration', message.body)).to.deep.equal(textiles);
    const envelope = JSON.parse(String(message.headers![ENVELOPE_HEADER])) as AgencyWorkEnvelope;
    expect(envelope).to.include({ agency: 'CUSTOMS', documentId: envelope.documentId });
    expect(envelope.earlierDecisions).to.deep.equal([]);
  });

  it('routes plastic scrap under the 2025 rules but not under the rules in force in 2024', () => {
    const scrap = structuredClone(declaration);
    scrap.goodsItems = [
      { ...(scrap.goodsItems as Record<string, unknown>[])[0], hsCode: '39151000', description: 'Polyethylene scrap, baled' },
    ];
    const now = kit.planner.plan(submittedDocument('customs-declaration', scrap));
    const then = kit.planner.plan(submittedDocument('customs-declaration', scrap, new Date('2024-09-01T00:00:00Z')));
    expect(routingOf({ routing: now.routing })!.agencies.map((a) => a.agency)).to.include('MONRE');
    expect(routingOf({ routing: then.routing })!.ruleSetVersion).to.equal('2024-07');
    expect(routingOf({ routing: then.routing })!.agencies.map((a) => a.agency)).to.deep.equal(['CUSTOMS']);
  });

  it('sends a certificate of origin from a partner single window to MOIT to verify, then customs; one lodged here goes to MOIT alone', () => {
    const eFormD = fixture('partners/canonical/inbound-certificate-of-origin-from-th.json');
    expect(agenciesOf(fromThailand('certificate-of-origin', eFormD))).to.deep.equal([
      ['MOIT', 'PENDING', ['certificate-of-origin-issuance', 'partner-certificate-of-origin-verification']],
      ['CUSTOMS', 'HELD', ['partner-certificate-of-origin-verification']],
    ]);
    expect(
      agenciesOf(submittedDocument('certificate-of-origin', fixture('partners/canonical/certificate-of-origin-th.json'))),
    ).to.deep.equal([['MOIT', 'PENDING', ['certificate-of-origin-issuance']]]);
  });

  it("reads a partner's export declaration to this country as an import: its food goes to the Food Administration, its rice not to export registration", () => {
    const acdd = fixture('partners/canonical/inbound-customs-declaration-from-th.json');
    const item = (acdd.goodsItems as Record<string, unknown>[])[0]!;
    const food = structuredClone(acdd);
    Object.assign((food.goodsItems as Record<string, unknown>[])[0]!, {
      ...item,
      hsCode: '21069099',
      description: 'Instant tom yum soup base',
    });
    expect(agenciesOf(fromThailand('customs-declaration', food))).to.deep.equal([
      ['CUSTOMS', 'HELD', ['customs-clearance']],
      ['MOH-VFA', 'PENDING', ['imported-food-safety']],
    ]);
    const rice = structuredClone(acdd);
    Object.assign((rice.goodsItems as Record<string, unknown>[])[0]!, {
      ...item,
      hsCode: '10063040',
      description: 'Thai jasmine rice, milled',
    });
    expect(agenciesOf(fromThailand('customs-declaration', rice))).to.deep.equal([
      ['CUSTOMS', 'HELD', ['customs-clearance']],
      ['MARD-PPD', 'PENDING', ['plant-quarantine']],
    ]);
  });
});
