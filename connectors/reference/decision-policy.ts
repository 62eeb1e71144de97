import { GOODS_FIELD, type AgencyWorkItem, type DecisionReply } from '../sdk/index.js';
import { permitNumber } from './permit-numbers.js';

export type PolicyAction = 'approve' | 'acknowledge-then-approve' | 'reject' | 'needs-info';

/** When a rule applies; every condition given must hold. */
export interface PolicyCondition {
  /** Any goods item whose HS code starts with one of these. */
  hsPrefixes?: string[];
  /** Any goods item from one of these countries. */
  originCountries?: string[];
  documentTypes?: string[];
  /** true: only documents that came back after an amendment; false: only first submissions. */
  amended?: boolean;
}

export interface PolicyRule {
  when: PolicyCondition;
  action: PolicyAction;
  reasons?: string[];
  question?: string;
}

export interface AgencyPolicy {
  action?: PolicyAction;
  /** Simulated processing time before answering, in ms. */
  delayMs?: number;
  rules?: PolicyRule[];
  reasons?: string[];
  question?: string;
}

/** Decision policy of the reference connectors: a default and per-agency overrides. */
export interface DecisionPolicy {
  default: AgencyPolicy;
  agencies?: Record<string, AgencyPolicy>;
}

/** The replies a reference agency gives to a work item under the policy (first matching rule wins). */
export function decide(policy: DecisionPolicy, work: AgencyWorkItem): DecisionReply[] {
  const own = policy.agencies?.[work.agency] ?? {};
  const rule = (own.rules ?? policy.default.rules ?? []).find((r) => matches(r.when, work));
  const action = rule?.action ?? own.action ?? policy.default.action ?? 'approve';
  const reasons = rule?.reasons ?? own.reasons ?? policy.default.reasons ?? [`Refused by ${work.agency} under the demonstration policy`];
  const question =
    rule?.question ?? own.question ?? policy.default.question ?? `Please provide the supporting documents ${work.agency} requires`;
  switch (action) {
    case 'approve':
      return [{ decision: 'APPROVED', permitNumber: permitNumber(work.agency, work.documentId) }];
    case 'acknowledge-then-approve':
      return [{ decision: 'ACKNOWLEDGED' }, { decision: 'APPROVED', permitNumber: permitNumber(work.agency, work.documentId) }];
    case 'reject':
      return [{ decision: 'REJECTED', reasons }];
    case 'needs-info':
      return [{ decision: 'NEEDS_INFO', question }];
  }
}

export function delayFor(policy: DecisionPolicy, agency: string): number {
  return policy.agencies?.[agency]?.delayMs ?? policy.default.delayMs ?? 0;
}

function matches(when: PolicyCondition, work: AgencyWorkItem): boolean {
  const goods = goodsOf(work);
  if (when.documentTypes && !when.documentTypes.includes(work.type)) return false;
  if (when.amended !== undefined && when.amended !== (work.amendment !== undefined)) return false;
  if (when.hsPrefixes && !goods.some((g) => when.hsPrefixes!.some((prefix) => g.hsCode.startsWith(prefix)))) return false;
  if (when.originCountries && !goods.some((g) => g.originCountry !== undefined && when.originCountries!.includes(g.originCountry)))
    return false;
  return true;
}

function goodsOf(work: AgencyWorkItem): { hsCode: string; originCountry?: string }[] {
  const items = work.document?.[GOODS_FIELD[work.type]];
  if (!Array.isArray(items)) return [];
  return items.map((item: Record<string, unknown>) => ({
    hsCode: String(item.hsCode ?? ''),
    ...(typeof item.originCountry === 'string' ? { originCountry: item.originCountry } : {}),
  }));
}
