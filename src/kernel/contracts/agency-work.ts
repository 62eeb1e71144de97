import type { DocumentType } from './document-types.js';

/** An earlier decision of another agency, as an agency's message carries it (customs gets the permits). */
export interface EarlierDecision {
  agency: string;
  decision: string;
  permitNumber?: string;
  reasons?: string[];
  decidedAt: string;
}

/** The enterprise's answer to a NEEDS_INFO, when the document comes back after an amendment. */
export interface AmendmentNote {
  number: number;
  answer: string;
  amendedAt: string;
}

/**
 * A licence or certificate of the window's register that the document cites, as it
 * stood when the document was sent: what it covers and, per goods line, what is left.
 */
export interface CitedRegisterEntry {
  id: string;
  number: string;
  issuingAgency: string;
  status: string;
  holderTaxId?: string;
  validFrom: string;
  validTo?: string;
  goods: { line: number; hsCode?: string; description: string; unit?: string; granted?: number; remaining?: number }[];
  asOf: string;
}

/**
 * Everything an agency's message carries besides the document itself. JSON agencies
 * get it as the body with the document under `document`; XML agencies get the
 * document as the body (the intake codec's XML) and this envelope, as JSON, in
 * the `x-envelope` header.
 */
export interface AgencyWorkEnvelope {
  documentId: string;
  reference: string;
  type: DocumentType;
  schemaVersion: string;
  agency: string;
  enterprise: { id: string };
  dueAt: string;
  /** 1 for the first routing, then one more for each re-routing after an amendment. */
  dispatch: number;
  routing: { ruleSetVersion: string; rules: string[] };
  /** Present when the agency sees only some goods items: their positions in the full document. */
  goodsItems?: number[];
  earlierDecisions: EarlierDecision[];
  amendment?: AmendmentNote;
  /** Register entries the document cites, with their remaining balances (customs draws them down on approval). */
  registerEntries?: CitedRegisterEntry[];
  links: { document: string; decisions: string };
}

export interface AgencyWorkJson extends AgencyWorkEnvelope {
  document: Record<string, unknown>;
}

export const ENVELOPE_HEADER = 'x-envelope';
