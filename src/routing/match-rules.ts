import type { DocumentFacts, GoodsFact } from './document-facts.js';
import type { HsRange, RoutingRule, RuleSet } from './rule-set.js';

/** An agency the rules send the document to, with the rules and goods items that did it. */
export interface AgencyMatch {
  agency: string;
  rules: string[];
  /** Absent when one of the rules matched the document as a whole. */
  goodsItems?: number[];
}

/** Every agency that must act on a document with these facts, in the rule set's order. */
export function matchRules(ruleSet: RuleSet, facts: DocumentFacts): AgencyMatch[] {
  const matches = new Map<string, { rules: string[]; goods: Set<number> | undefined }>();
  for (const rule of ruleSet.rules) {
    const goods = ruleMatch(rule, facts);
    if (goods === false) continue;
    for (const agency of rule.agencies) {
      const match = matches.get(agency) ?? { rules: [], goods: new Set<number>() };
      match.rules.push(rule.id);
      // A rule without goods conditions concerns the whole document.
      if (goods === 'document' || match.goods === undefined) match.goods = undefined;
      else for (const item of goods) match.goods.add(item.index);
      matches.set(agency, match);
    }
  }
  return [...matches].map(([agency, { rules, goods }]) => ({
    agency,
    rules,
    ...(goods ? { goodsItems: [...goods].sort((a, b) => a - b) } : {}),
  }));
}

/** false: no match; 'document': matched as a whole; otherwise the goods items that matched. */
function ruleMatch(rule: RoutingRule, facts: DocumentFacts): false | 'document' | GoodsFact[] {
  const when = rule.when;
  if (!when.documentTypes.includes(facts.type)) return false;
  if (when.procedures && !(facts.procedure && when.procedures.includes(facts.procedure))) return false;
  if (when.channels && !when.channels.includes(facts.channel)) return false;
  if (when.destinationCountries && !(facts.destinationCountry && when.destinationCountries.includes(facts.destinationCountry)))
    return false;
  if (!when.goods) return 'document';
  const { hs, originCountries } = when.goods;
  const items = facts.goods.filter(
    (item) =>
      (!hs || hs.some((range) => inHsRange(item.hsCode, range))) &&
      (!originCountries || (item.originCountry !== undefined && originCountries.includes(item.originCountry))),
  );
  return items.length > 0 ? items : false;
}

/** Ranges compare the code's first digits, as many as the range's ends have. */
export function inHsRange(hsCode: string, range: HsRange): boolean {
  const prefix = hsCode.slice(0, range.from.length);
  return prefix.length === range.from.length && prefix >= range.from && prefix <= range.to;
}
