import type { OutboxEntry } from '../documents/document-record.js';

export interface ClaimedMessage {
  documentId: string;
  entry: OutboxEntry;
}

/** The relay's view of the documents' outboxes. Every method is one atomic update per document. */
export interface OutboxStore {
  /**
   * Leases up to `limit` documents' PENDING entries whose lease has expired to `owner`
   * until `leaseUntil`, and returns the entries this claim obtained.
   */
  claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]>;
  /** The same for one known document, in one round trip (a document this process has just written). */
  claimDocument(owner: string, documentId: string, now: Date, leaseUntil: Date): Promise<ClaimedMessage[]>;
  /** Marks the confirmed messages SENT, only where `owner` still holds the lease; drops their bodies. */
  markSent(owner: string, sent: ClaimedMessage[], at: Date): Promise<void>;
  /** Gives a message back after a failed publish, claimable again from `retryAt`. */
  release(owner: string, failed: ClaimedMessage, retryAt: Date, error: string): Promise<void>;
}
