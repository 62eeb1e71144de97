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
  links: { document: string; decisions: string };
}

export interface AgencyWorkJson extends AgencyWorkEnvelope {
  document: Record<string, unknown>;
}

export const ENVELOPE_HEADER = 'x-envelope';
