import { expect } from 'chai';
import { DecisionService } from '../../src/decisions/decision-service.js';
import type { DecisionEnvelope, DecisionMessage } from '../../src/kernel/contracts/decision-message.js';
import type { TradeDocument } from '../../src/kernel/document-record.js';
import type { TransitionHook } from '../../src/lifecycle/transition-hooks.js';
import { DomainError } from '../../src/kernel/errors/domain-error.js';
import { HTTP_STATUS } from '../../src/platform/http/http-status.js';
import { routingOf } from '../../src/kernel/routing-plan.js';
import type { AgencyWorkEnvelope } from '../../src/kernel/contracts/agency-work.js';
import { fixture, routingKit } from '../routing/support/routing-kit.js';

let sequence = 0;
function decision(
  document: TradeDocument,
  agency: string,
  fields: Partial<DecisionMessage> & Pick<DecisionMessage, 'decision'>,
  messageId = `msg-${(sequence += 1)}`,
): DecisionEnvelope {
  return { messageId, channel: 'amqp', message: { documentId: document.id, agency, decidedAt: new Date().toISOString(), ...fields } };
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the decision to be refused');
}

describe('applying agency decisions', () => {
  const transitions: string[] = [];
  const partnerHook: TransitionHook = {
    onTransition(document, from, to) {
      transitions.push(`${from}->${to}`);
      return to === 'APPROVED' ? { set: { partnerExchanges: [{ country: 'KR', state: 'READY_TO_SEND' }] } } : {};
    },
  };
  const kit = routingKit([partnerHook]);
  const service = new DecisionService(kit.registry, kit.lifecycle, kit.dispatcher);
  const declaration = fixture('routing/import-salmon-and-medicines.json');

  it('releases customs with both permits once NAFIQAD and the Drug Administration approve, and approves the document when customs does', async () => {
    const document = kit.submit('customs-declaration', declaration);
    await service.applyDecision(decision(document, 'MARD-NAFIQAD', { decision: 'APPROVED', permitNumber: '778/CL-QLCL' }));
    const afterFirst = (await kit.store.get(document.id))!;
    expect(afterFirst.status).to.equal('IN_REVIEW');
    expect(afterFirst.outbox.some((e) => e.routingKey === 'CUSTOMS')).to.equal(false);

    await service.applyDecision(decision(document, 'MOH-DAV', { decision: 'APPROVED', permitNumber: '12034/QLD-GPNK' }));
    const released = (await kit.store.get(document.id))!;
    const toCustoms = released.outbox.find((e) => e.routingKey === 'CUSTOMS')!;
    const envelope = JSON.parse(String(toCustoms.headers!['x-envelope'])) as AgencyWorkEnvelope;
    expect(envelope.earlierDecisions.map((d) => [d.agency, d.permitNumber])).to.have.deep.members([
      ['MARD-NAFIQAD', '778/CL-QLCL'],
      ['MOH-DAV', '12034/QLD-GPNK'],
    ]);
    expect(routingOf(released)!.agencies.find((a) => a.agency === 'CUSTOMS')!.status).to.equal('PENDING');

    const result = await service.applyDecision(decision(document, 'CUSTOMS', { decision: 'APPROVED', permitNumber: '105987654321' }));
    expect(result).to.include({ status: 'APPROVED', duplicate: false });
    const approved = (await kit.store.get(document.id))!;
    expect(routingOf(approved)!.agencies.map((a) => [a.agency, a.permitNumber])).to.have.deep.members([
      ['CUSTOMS', '105987654321'],
      ['MARD-NAFIQAD', '778/CL-QLCL'],
      ['MOH-DAV', '12034/QLD-GPNK'],
    ]);
    expect(approved.history.map((h) => h.to)).to.deep.equal(['SUBMITTED', 'ROUTED', 'IN_REVIEW', 'APPROVED']);
    expect(approved.history.at(-1)).to.include({ actor: 'agency:CUSTOMS', from: 'IN_REVIEW' });
    expect(approved.outbox.filter((e) => e.exchange === 'sw.events').map((e) => e.routingKey)).to.deep.equal([
      'document.SUBMITTED',
      'document.ROUTED',
      'document.IN_REVIEW',
      'document.APPROVED',
    ]);
    expect(approved.partnerExchanges).to.deep.equal([{ country: 'KR', state: 'READY_TO_SEND' }]);
    expect(transitions).to.include('IN_REVIEW->APPROVED');
  });

  it('changes nothing when the same decision arrives twice', async () => {
    const document = kit.submit('customs-declaration', declaration);
    const first = decision(document, 'MOH-DAV', { decision: 'APPROVED', permitNumber: '12034/QLD-GPNK' });
    await service.applyDecision(first);
    const before = (await kit.store.get(document.id))!;
    const again = await service.applyDecision({ ...first, channel: 'http' });
    expect(again.duplicate).to.equal(true);
    expect(await kit.store.get(document.id)).to.deep.equal(before);
  });

  it('rejects the document when any agency rejects, without ever sending it to customs', async () => {
    const document = kit.submit('customs-declaration', declaration);
    await service.applyDecision(decision(document, 'MARD-NAFIQAD', { decision: 'APPROVED', permitNumber: '778/CL-QLCL' }));
    const result = await service.applyDecision(
      decision(document, 'MOH-DAV', {
        decision: 'REJECTED',
        reasons: ['The importer holds no drug import licence for paracetamol 500 mg'],
      }),
    );
    expect(result.status).to.equal('REJECTED');
    const rejected = (await kit.store.get(document.id))!;
    expect(rejected.outbox.some((e) => e.routingKey === 'CUSTOMS')).to.equal(false);
    expect(rejected.history.at(-1)!.reason).to.contain('paracetamol');
  });

  it('refuses a decision from an agency the document was not routed to', async () => {
    const document = kit.submit('customs-declaration', declaration);
    const error = await rejection(
      service.applyDecision(decision(document, 'MONRE', { decision: 'APPROVED', permitNumber: '86/GXN-TCMT' })),
    );
    expect(error.code).to.equal('DECISION.AGENCY_NOT_ROUTED');
    expect(HTTP_STATUS[error.kind]).to.equal(409);
  });

  it('refuses a customs decision while customs is still waiting for the other agencies', async () => {
    const document = kit.submit('customs-declaration', declaration);
    const error = await rejection(
      service.applyDecision(decision(document, 'CUSTOMS', { decision: 'APPROVED', permitNumber: '105987654321' })),
    );
    expect(error.code).to.equal('DECISION.NOT_YET_DISPATCHED');
  });

  it('refuses decisions once the document is final', async () => {
    const document = kit.submit('customs-declaration', declaration);
    await service.applyDecision(decision(document, 'MOH-DAV', { decision: 'REJECTED', reasons: ['No licence'] }));
    const error = await rejection(
      service.applyDecision(decision(document, 'MARD-NAFIQAD', { decision: 'APPROVED', permitNumber: '778/CL-QLCL' })),
    );
    expect(error.code).to.equal('DECISION.DOCUMENT_CLOSED');
  });

  it('answers 404 for a document that does not exist', async () => {
    const error = await rejection(
      service.applyDecision({
        messageId: 'm-unknown',
        channel: 'http',
        message: { documentId: 'no-such-document', agency: 'CUSTOMS', decision: 'ACKNOWLEDGED', decidedAt: new Date().toISOString() },
      }),
    );
    expect(HTTP_STATUS[error.kind]).to.equal(404);
  });

  it('moves to NEEDS_INFO when an agency asks, and keeps the question on the plan', async () => {
    const document = kit.submit('customs-declaration', declaration);
    const result = await service.applyDecision(
      decision(document, 'MOH-DAV', {
        decision: 'NEEDS_INFO',
        question: 'Attach the certificate of pharmaceutical product (CPP) for the tablets',
      }),
    );
    expect(result.status).to.equal('NEEDS_INFO');
    const asked = routingOf((await kit.store.get(document.id))!)!.agencies.find((a) => a.agency === 'MOH-DAV')!;
    expect(asked.status).to.equal('NEEDS_INFO');
    expect(asked.decisions.at(-1)!.question).to.contain('CPP');
  });
});
