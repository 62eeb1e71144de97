import type { DocumentOrigin, DocumentType } from '../kernel/document-record.js';

export interface HsRange {
  from: string;
  to: string;
}

export interface RuleConditions {
  documentTypes: DocumentType[];
  procedures?: string[];
  /** How the document arrived: `partner` for documents received from partner single windows. */
  channels?: DocumentOrigin['channel'][];
  destinationCountries?: string[];
  /** Conditions one goods item must meet in full. */
  goods?: { hs?: HsRange[]; originCountries?: string[] };
}

export interface RoutingRule {
  id: string;
  description: string;
  legalBasis?: string;
  when: RuleConditions;
  agencies: string[];
}

/** One version of the routing rules (schemas/routing/rule-sets/<version>.json). */
export interface RuleSet {
  version: string;
  effectiveFrom: string;
  description: string;
  rules: RoutingRule[];
}
