import type { AgencyRegistry } from '../agencies/agency-registry.js';
import type { HistoryEntry, OutboxEntry, TradeDocument } from '../kernel/document-record.js';
import type { SubmissionPlan, SubmissionPlanner } from '../kernel/submission-plan.js';
import { statusEvent } from '../lifecycle/status-event.js';
import type { AgencyDispatcher } from './agency-dispatcher.js';
import { documentFacts } from './document-facts.js';
import { matchRules } from './match-rules.js';
import type { RuleBook } from './rule-book.js';
import type { AgencyAssignment, RoutingPlan } from '../kernel/routing-plan.js';

/**
 * Plans a new document's routing: the rules in force pick the agencies; each gets
 * its message through the outbox, except agencies that decide last (customs),
 * which are held until the others approve. The document is stored ROUTED.
 */
export class RoutingPlanner implements SubmissionPlanner {
  constructor(
    private readonly rules: RuleBook,
    private readonly registry: AgencyRegistry,
    private readonly dispatcher: AgencyDispatcher,
    private readonly homeCountry: string,
  ) {}

  plan(document: TradeDocument): SubmissionPlan {
    const now = new Date(document.submittedAt);
    const ruleSet = this.rules.current(now);
    const matches = matchRules(ruleSet, documentFacts(document, this.homeCountry));
    const lastDecider = (code: string) => this.registry.find(code)?.decidesLast === true;
    const othersExist = matches.some((match) => !lastDecider(match.agency));
    let plan: RoutingPlan = {
      ruleSetVersion: ruleSet.version,
      registryVersion: this.registry.version,
      plannedAt: now,
      agencies: matches.map((match): AgencyAssignment => ({
        ...match,
        status: othersExist && lastDecider(match.agency) ? 'HELD' : 'PENDING',
        dispatches: 0,
        decisions: [],
      })),
    };
    const work: OutboxEntry[] = [];
    for (const [i, assignment] of plan.agencies.entries()) {
      if (assignment.status === 'HELD') continue;
      const sent = this.dispatcher.dispatch(document, plan, assignment, now);
      plan = { ...plan, agencies: plan.agencies.map((a, j) => (j === i ? sent.assignment : a)) };
      work.push(sent.entry);
    }
    const submitted = document.history[0];
    const routed: HistoryEntry = {
      at: now,
      actor: 'system',
      from: 'SUBMITTED',
      to: 'ROUTED',
      reason: `Routed to ${describe(plan)} by routing rules ${ruleSet.version}`,
    };
    return {
      routing: plan,
      status: 'ROUTED',
      history: [routed],
      outbox: [
        statusEvent(document, { from: null, to: 'SUBMITTED', at: now, actor: submitted?.actor ?? `enterprise:${document.enterpriseId}` }),
        ...work,
        statusEvent(document, routed),
      ],
    };
  }
}

function describe(plan: RoutingPlan): string {
  return plan.agencies.map((a) => (a.status === 'HELD' ? `${a.agency} (after the others)` : a.agency)).join(', ');
}
