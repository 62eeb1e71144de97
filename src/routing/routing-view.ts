import type { AgencyRegistry } from '../agencies/agency-registry.js';
import type { TradeDocument } from '../kernel/document-record.js';
import { isOverdue, routingOf } from '../kernel/routing-plan.js';

/**
 * The routing of a document as clients see it: each agency with its status, due
 * time, overdue flag, permit and decisions; and the permits granted so far. With
 * the registry, agencies also carry their names.
 */
export function routingView(document: Pick<TradeDocument, 'routing'>, now = new Date(), registry?: AgencyRegistry) {
  const plan = routingOf(document);
  if (!plan) return undefined;
  const agencies = plan.agencies.map((a) => ({
    agency: a.agency,
    ...(registry?.find(a.agency) ? { name: registry.find(a.agency)!.name } : {}),
    status: a.status,
    rules: a.rules,
    ...(a.goodsItems ? { goodsItems: a.goodsItems } : {}),
    ...(a.dispatchedAt ? { dispatchedAt: a.dispatchedAt } : {}),
    ...(a.dueAt ? { dueAt: a.dueAt } : {}),
    overdue: isOverdue(a, now),
    ...(a.permitNumber ? { permitNumber: a.permitNumber } : {}),
    decisions: a.decisions.map((d) => ({
      decision: d.decision,
      ...(d.permitNumber ? { permitNumber: d.permitNumber } : {}),
      ...(d.reasons ? { reasons: d.reasons } : {}),
      ...(d.question ? { question: d.question } : {}),
      decidedAt: d.decidedAt,
      receivedAt: d.receivedAt,
    })),
  }));
  return {
    ruleSetVersion: plan.ruleSetVersion,
    plannedAt: plan.plannedAt,
    agencies,
    permits: plan.agencies.filter((a) => a.permitNumber).map((a) => ({ agency: a.agency, permitNumber: a.permitNumber! })),
    overdue: agencies.some((a) => a.overdue),
  };
}
