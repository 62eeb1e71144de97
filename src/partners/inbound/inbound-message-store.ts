import type { InboundMessage } from './inbound-message.js';

export interface InboundMessageStore {
  /** Stores a new message; when (from, messageId) is stored already, returns that one and stores nothing. */
  insert(message: InboundMessage): Promise<InboundMessage | undefined>;
  find(from: string, messageId: string): Promise<InboundMessage | undefined>;
  /** Takes a RECEIVED message whose lease has run out (any when `id` is absent) for processing until `leaseUntil`. */
  claim(now: Date, leaseUntil: Date, id?: string): Promise<InboundMessage | undefined>;
  markProcessed(id: string, documentId: string | undefined, at: Date): Promise<void>;
  /** Records a failed attempt: RECEIVED again after `retryAt`, or FAILED when `final`. */
  markFailed(id: string, reason: string, retryAt: Date, final: boolean): Promise<void>;
}
