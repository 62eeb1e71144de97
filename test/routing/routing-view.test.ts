import { expect } from 'chai';
import { DecisionService } from '../../src/decisions/decision-service.js';
import { routingView } from '../../src/routing/routing-view.js';
import { fixture, routingKit } from './support/routing-kit.js';

describe('routing view and service levels', () => {
  const kit = routingKit();

  it('flags an agency overdue once its due time has passed without a final answer', () => {
    const document = kit.submit('customs-declaration', fixture('routing/import-salmon-and-medicines.json'));
    const inThreeDays = new Date(document.submittedAt.getTime() + 72.5 * 3_600_000);
    const late = routingView(document, inThreeDays, kit.registry)!;
    expect(late.overdue).to.equal(true);
    expect(late.agencies.map((a) => [a.agency, a.overdue])).to.have.deep.members([
      ['CUSTOMS', false],
      ['MARD-NAFIQAD', true],
      ['MOH-DAV', true],
    ]);
    expect(routingView(document, document.submittedAt)!.overdue).to.equal(false);
  });

  it('stops an agency’s clock while it waits for the enterprise to answer', async () => {
    const document = kit.submit('customs-declaration', fixture('routing/import-salmon-and-medicines.json'));
    await new DecisionService(kit.registry, kit.lifecycle, kit.dispatcher).applyDecision({
      messageId: 'ask-cpp',
      channel: 'amqp',
      message: {
        documentId: document.id,
        agency: 'MOH-DAV',
        decision: 'NEEDS_INFO',
        question: 'Attach the CPP',
        decidedAt: new Date().toISOString(),
      },
    });
    const asked = (await kit.store.get(document.id))!;
    const inThreeDays = new Date(document.submittedAt.getTime() + 72.5 * 3_600_000);
    const view = routingView(asked, inThreeDays, kit.registry)!;
    expect(view.agencies.find((a) => a.agency === 'MOH-DAV')).to.include({ status: 'NEEDS_INFO', overdue: false });
    expect(view.agencies.find((a) => a.agency === 'MARD-NAFIQAD')).to.include({ overdue: true });
  });
});
