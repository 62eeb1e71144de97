import type { OutboxEntry } from '../kernel/document-record.js';

/** An entry a claim holds: its document, its fields, and its body as the bytes to publish. */
export interface ClaimedMessage {
  documentId: string;
  entry: Omit<OutboxEntry, 'body'>;
  body: Buffer;
}

/** A message the broker did not confirm, to be claimable again from `retryAt`. */
export interface RefusedMessage {
  message: ClaimedMessage;
  retryAt: Date;
  error: string;
}

/**
 * The relay's view of the documents' outboxes. Every change is one atomic update per
 * document; each call covers a whole batch of documents in a few round trips, however
 * large the batch. How documents are leased and found is the store's own business.
 */
export interface OutboxStore {
  /**
   * Leases up to `limit` documents with claimable entries (PENDING, and not waiting
   * for a retry time) to `owner` until `leaseUntil`, and returns those entries. A
   * document another claim holds is skipped until that lease is released or expires.
   */
  claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]>;
  /** The same for known documents (those this process was told it has just written). */
  claimDocuments(owner: string, documentIds: string[], now: Date, leaseUntil: Date): Promise<ClaimedMessage[]>;
  /**
   * Records what the broker said: confirmed messages become SENT without their bodies,
   * refused ones claimable again from their retry time. A message already SENT stays
   * as it is.
   */
  settle(sent: ClaimedMessage[], refused: RefusedMessage[], at: Date): Promise<void>;
  /** Frees the documents `owner` holds, once their settle is stored. */
  release(owner: string, documentIds: string[]): Promise<void>;
}
