import type { AgencyRegistry } from '../agencies/agency-registry.js';
import type { OutboxEntry, TradeDocument } from '../kernel/document-record.js';
import type { AgencyDispatcher } from '../routing/agency-dispatcher.js';
import type { AmendmentNote } from '../kernel/contracts/agency-work.js';
import type { AgencyMatch } from '../routing/match-rules.js';
import type { AgencyAssignment, RoutingPlan } from '../kernel/routing-plan.js';

/**
 * Re-routes an amended document under the rule set that first routed it: the
 * agencies that asked get it again, agencies the amended goods newly concern get it
 * for the first time (held if they decide last), and the others keep their decisions.
 */
export function amendRouting(
  document: TradeDocument,
  plan: RoutingPlan,
  matches: AgencyMatch[],
  deps: { registry: AgencyRegistry; dispatcher: AgencyDispatcher },
  note: AmendmentNote,
  now: Date,
): { plan: RoutingPlan; outbox: OutboxEntry[]; asked: AgencyAssignment[]; added: string[] } {
  const byAgency = new Map(matches.map((m) => [m.agency, m]));
  const asked = plan.agencies.filter((a) => a.status === 'NEEDS_INFO');
  const added = matches.filter((m) => !plan.agencies.some((a) => a.agency === m.agency));
  const lastDecider = (code: string) => deps.registry.find(code)?.decidesLast === true;
  let next: RoutingPlan = {
    ...plan,
    agencies: [
      ...plan.agencies.map((a) => {
        const match = byAgency.get(a.agency);
        if (!match) return a;
        const { goodsItems: _previous, ...rest } = a;
        return { ...rest, rules: match.rules, ...(match.goodsItems ? { goodsItems: match.goodsItems } : {}) };
      }),
      ...added.map((m): AgencyAssignment => ({ ...m, status: lastDecider(m.agency) ? 'HELD' : 'PENDING', dispatches: 0, decisions: [] })),
    ],
  };
  const outbox: OutboxEntry[] = [];
  const resend = new Set([...asked.map((a) => a.agency), ...added.filter((m) => !lastDecider(m.agency)).map((m) => m.agency)]);
  for (const code of resend) {
    const assignment = next.agencies.find((a) => a.agency === code)!;
    const sent = deps.dispatcher.dispatch(document, next, assignment, now, note);
    next = { ...next, agencies: next.agencies.map((a) => (a.agency === code ? sent.assignment : a)) };
    outbox.push(sent.entry);
  }
  return { plan: next, outbox, asked, added: added.map((m) => m.agency) };
}
