import type { TradeDocument } from '../kernel/document-record.js';

/**
 * What another feature (the register) does around decisions, outside the
 * document's own update: it owns other records, so it cannot join that update.
 */
export interface ApprovalSettlement {
  /**
   * Before a decision that would end the document APPROVED: takes what the
   * approval consumes (licence balances), or says why it cannot. Idempotent per document.
   */
  take(document: TradeDocument): Promise<{ refusal?: string }>;
  /** Gives back what `take` took, for a document that did not end APPROVED after all. */
  giveBack(document: TradeDocument): Promise<void>;
  /** Fields to refresh on the document when it is sent on to an agency (the cited entries' balances now). */
  fields(document: TradeDocument): Promise<Partial<Pick<TradeDocument, 'registerEntries'>>>;
  /**
   * After every applied or repeated decision, with the document as it is now
   * (e.g. an approved licence enters the register). Idempotent, so a redelivered
   * decision finishes what a crash interrupted.
   */
  settled(document: TradeDocument): Promise<void>;
}
