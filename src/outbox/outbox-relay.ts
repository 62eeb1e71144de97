import { randomUUID } from 'node:crypto';
import type { Logger } from '../platform/logging/logger.js';
import type { OutgoingMessage } from '../platform/messaging/message.js';
import type { Worker } from '../platform/service-context.js';
import type { OutboxSignal } from './outbox-signal.js';
import type { ClaimedMessage, OutboxStore, RefusedMessage } from './outbox-store.js';

export interface RelayOptions {
  pollIntervalMs: number;
  leaseMs: number;
  batchSize: number;
  retryBaseMs: number;
  /** Most batches claimed and not yet settled at once (RELAY_CONCURRENCY). */
  concurrency: number;
}

export interface RelayPublisher {
  /** Each message's outcome once the broker confirmed or refused it: undefined when confirmed. */
  publishAll(messages: readonly OutgoingMessage[]): Promise<(Error | undefined)[]>;
}

interface Claim {
  owner: string;
  messages: ClaimedMessage[];
  documentIds: string[];
}

/**
 * The `relay` role: claims documents' pending outbox entries under a lease, publishes
 * them with confirms, and marks them SENT only after the confirm. If the process dies
 * between the confirm and the mark, the lease runs out and a relay publishes the
 * message again: a duplicate (consumers are idempotent by messageId), never a loss.
 */
export class OutboxRelay {
  private readonly id = `relay-${randomUUID().slice(0, 8)}`;
  private claims = 0;
  private lastSearch = 0;
  private stopped = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: RelayPublisher,
    private readonly signal: OutboxSignal,
    private readonly options: RelayOptions,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): Worker {
    this.stopped = false;
    const stopListening = this.signal.listen();
    const running = this.run();
    return {
      stop: async () => {
        this.stopped = true;
        this.signal.notify();
        await running;
        stopListening();
      },
    };
  }

  /**
   * The relay's one loop: claim, publish with confirms, settle. A batch is published and
   * settled while the next ones are claimed, so the broker's confirms and the store's
   * round trips overlap; at most `concurrency` batches are under way, and the next claim
   * waits for a place. A claim that comes back short waits for a nudge or the poll
   * interval: an idle relay asks the store once per interval.
   */
  private async run(): Promise<void> {
    const underWay = new Set<Promise<void>>();
    while (!this.stopped) {
      const claim = await this.claim().catch((error: Error) => {
        this.logger.warn('outbox relay could not claim; retrying', { reason: error.message });
        return undefined;
      });
      if (claim && claim.messages.length > 0) {
        const batch: Promise<void> = this.deliver(claim)
          .catch((error: Error) => {
            this.logger.warn('outbox relay could not settle messages; they will be published again', { reason: error.message });
          })
          .finally(() => underWay.delete(batch));
        underWay.add(batch);
      }
      while (underWay.size >= this.options.concurrency) await Promise.race(underWay);
      const full = claim !== undefined && claim.documentIds.length >= this.options.batchSize;
      if (!full && !this.stopped) await this.signal.wait(this.options.pollIntervalMs);
    }
    // Stopped: the batches under way are settled and their documents freed, nothing is left half published.
    while (underWay.size > 0) await Promise.all(underWay);
  }

  /** One whole claim-publish-settle pass; returns how many messages it claimed. */
  async relayBatch(): Promise<number> {
    const claim = await this.claim();
    await this.deliver(claim);
    return claim.messages.length;
  }

  /**
   * Documents this process has just written (nudged) are claimed by id; otherwise
   * pending documents are searched for. A search still runs every ten poll intervals at
   * least, so retries and expired leases are not starved by a stream of new documents.
   */
  private async claim(): Promise<Claim> {
    const now = this.now();
    const searchOverdue = now.getTime() - this.lastSearch >= 10 * this.options.pollIntervalMs;
    const owner = `${this.id}-${(this.claims += 1)}`;
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    const nudged = this.signal.takeDocuments();
    let messages: ClaimedMessage[];
    if (nudged.length > 0 && nudged.length <= this.options.batchSize && !searchOverdue) {
      messages = await this.store.claimDocuments(owner, nudged, now, leaseUntil);
    } else {
      this.lastSearch = now.getTime();
      messages = await this.store.claim(owner, now, leaseUntil, this.options.batchSize);
    }
    return { owner, messages, documentIds: [...new Set(messages.map((message) => message.documentId))] };
  }

  /** Publishes with confirms, then settles: the confirmed SENT, the refused back for a later retry, the documents free. */
  private async deliver({ owner, messages, documentIds }: Claim): Promise<void> {
    if (messages.length === 0) return;
    const outcomes = await this.publisher.publishAll(messages.map(outgoing));
    const sent: ClaimedMessage[] = [];
    const refused: RefusedMessage[] = [];
    messages.forEach((message, i) => {
      const error = outcomes[i];
      if (error === undefined) {
        sent.push(message);
        return;
      }
      this.logger.warn('outbox message not confirmed; will retry', {
        documentId: message.documentId,
        messageId: message.entry.messageId,
        reason: error.message,
      });
      refused.push({ message, retryAt: this.retryAt(message), error: error.message });
    });
    await this.store.settle(sent, refused, this.now());
    // Only once the documents say what was sent may another claim read them.
    await this.store.release(owner, documentIds);
  }

  private retryAt({ entry }: ClaimedMessage): Date {
    const delay = Math.min(this.options.retryBaseMs * 2 ** Math.min(entry.attempts, 20), this.options.leaseMs);
    return new Date(this.now().getTime() + delay);
  }
}

function outgoing({ documentId, entry, body }: ClaimedMessage): OutgoingMessage {
  return {
    exchange: entry.exchange,
    routingKey: entry.routingKey,
    body,
    messageId: entry.messageId,
    correlationId: documentId,
    type: entry.type,
    contentType: entry.contentType,
    headers: entry.headers,
    timestamp: new Date(entry.createdAt),
  };
}
