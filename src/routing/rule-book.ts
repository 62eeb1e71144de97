import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENT_TYPES } from '../kernel/document-record.js';
import type { AgencyRegistry } from '../agencies/agency-registry.js';
import { readValidatedJson, ReferenceDataError } from '../agencies/read-validated-json.js';
import { schemasDir } from '../platform/project-root.js';
import type { RuleSet } from './rule-set.js';

const RULES_DIR = path.join(schemasDir, 'routing', 'rule-sets');
const SCHEMA_FILE = path.join(schemasDir, 'routing', 'rule-set.schema.json');

/**
 * Every version of the routing rules, checked at start-up against the schema and
 * the agency registry. New documents use the version in force; a document's plan
 * names the version that routed it, and old versions stay readable.
 */
export class RuleBook {
  private readonly versions: RuleSet[];

  constructor(ruleSets: RuleSet[]) {
    this.versions = [...ruleSets].sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
  }

  static load(registry: AgencyRegistry, dir = RULES_DIR): RuleBook {
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
    const ruleSets = files.map((name) => {
      const file = path.join(dir, name);
      const ruleSet = readValidatedJson<RuleSet>(file, SCHEMA_FILE);
      const problems = checkRuleSet(ruleSet, registry);
      if (`${ruleSet.version}.json` !== name) problems.push(`the file of version ${ruleSet.version} must be named ${ruleSet.version}.json`);
      if (problems.length > 0) throw new ReferenceDataError(file, problems);
      return ruleSet;
    });
    if (ruleSets.length === 0) throw new ReferenceDataError(dir, ['no routing rule set found']);
    return new RuleBook(ruleSets);
  }

  /** The version in force at `at`, or the earliest one before any took effect. */
  current(at = new Date()): RuleSet {
    const inForce = this.versions.filter((set) => Date.parse(set.effectiveFrom) <= at.getTime());
    return inForce.at(-1) ?? this.versions[0]!;
  }

  find(version: string): RuleSet | undefined {
    return this.versions.find((set) => set.version === version);
  }

  list(): RuleSet[] {
    return [...this.versions];
  }
}

/** What the schema cannot say: known agencies, unique ids, ordered ranges, every type routed somewhere. */
function checkRuleSet(ruleSet: RuleSet, registry: AgencyRegistry): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const rule of ruleSet.rules) {
    if (ids.has(rule.id)) problems.push(`rule ${rule.id} is defined twice`);
    ids.add(rule.id);
    for (const agency of rule.agencies) {
      if (!registry.has(agency)) problems.push(`rule ${rule.id} names unknown agency ${agency}`);
    }
    for (const range of rule.when.goods?.hs ?? []) {
      if (range.from.length !== range.to.length) problems.push(`rule ${rule.id}: HS range ${range.from}-${range.to} mixes code lengths`);
      else if (range.from > range.to) problems.push(`rule ${rule.id}: HS range ${range.from}-${range.to} is reversed`);
    }
  }
  for (const type of DOCUMENT_TYPES) {
    const catchAll = ruleSet.rules.some((rule) => rule.when.documentTypes.includes(type) && Object.keys(rule.when).length === 1);
    if (!catchAll) problems.push(`no rule routes every ${type} (a rule whose only condition is its document type)`);
  }
  return problems;
}
