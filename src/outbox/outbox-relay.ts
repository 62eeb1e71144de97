import { randomUUID } from 'node:crypto';
import type { Logger } from '../platform/logging/logger.js';
import type { OutgoingMessage } from '../platform/messaging/message.js';
import type { Worker } from '../platform/service-context.js';
import type { OutboxSignal } from './outbox-signal.js';
import type { ClaimedMessage, OutboxStore, RefusedMessage } from './outbox-store.js';

/** Claimed batches whose publishing and settling may run beside the next claims. */
const MAX_IN_FLIGHT = 4;
/**
 * Claims that may be under way at once while a backlog lasts. A claim is a few round
 * trips to the store; others overlapping it (each search waits for the previous one,
 * then runs while the earlier claims take their leases and read) keep the broker busy.
 * With the store's thread, the relay and the broker sharing two cores, a claim waits
 * behind the settles of the batches in flight: three drained a backlog about a tenth
 * faster than two, and four no faster than two.
 */
const MAX_CLAIMING = 3;

export interface RelayOptions {
  pollIntervalMs: number;
  leaseMs: number;
  batchSize: number;
  retryBaseMs: number;
}

export interface RelayPublisher {
  /** Each message's outcome once the broker confirmed or refused it: undefined when confirmed. */
  publishAll(messages: readonly OutgoingMessage[]): Promise<(Error | undefined)[]>;
}

interface Run {
  stopped: boolean;
  /** Deliveries (publish, settle, release) under way. */
  readonly inFlight: Set<Promise<void>>;
  /** Lanes claiming beside the first one. */
  readonly lanes: Set<Promise<void>>;
}

interface Claim {
  owner: string;
  messages: ClaimedMessage[];
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

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: RelayPublisher,
    private readonly signal: OutboxSignal,
    private readonly options: RelayOptions,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): Worker {
    const run: Run = { stopped: false, inFlight: new Set(), lanes: new Set() };
    const stopListening = this.signal.listen();
    // The first lane runs until stopped, waiting for a signal when a claim comes back short;
    // more lanes join while claims come back full, and leave at the first short one.
    const first = this.lane(run, true);
    return {
      stop: async () => {
        run.stopped = true;
        this.signal.notify();
        await first;
        while (run.lanes.size > 0) await Promise.all(run.lanes);
        while (run.inFlight.size > 0) await Promise.all(run.inFlight);
        stopListening();
      },
    };
  }

  private async lane(run: Run, first: boolean): Promise<void> {
    while (!run.stopped) {
      const claimed = await this.claimAndDispatch(run);
      // A full batch means more may be waiting: go again without sleeping, and let another lane claim beside this one.
      if (claimed >= this.options.batchSize) {
        if (run.lanes.size + 1 < MAX_CLAIMING) this.addLane(run);
        continue;
      }
      if (!first) return;
      if (!run.stopped) await this.signal.wait(this.options.pollIntervalMs);
    }
  }

  private addLane(run: Run): void {
    const lane: Promise<void> = this.lane(run, false).finally(() => run.lanes.delete(lane));
    run.lanes.add(lane);
  }

  /** Claims once and starts publishing what it got; returns how many messages it claimed. */
  private async claimAndDispatch(run: Run): Promise<number> {
    try {
      const claim = await this.claim();
      if (claim.messages.length > 0) {
        // Publishing and settling run beside the next claim: confirms are waited for while the store works.
        const delivery: Promise<void> = this.deliver(claim)
          .catch((error: Error) => {
            this.logger.warn('outbox relay could not settle messages; they will be published again', { reason: error.message });
          })
          .finally(() => run.inFlight.delete(delivery));
        run.inFlight.add(delivery);
        while (run.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(run.inFlight);
      }
      return claim.messages.length;
    } catch (error) {
      this.logger.warn('outbox relay pass failed; retrying', { reason: (error as Error).message });
      return 0;
    }
  }

  /** One whole claim-publish-mark pass; returns how many messages it claimed. */
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
    if (nudged.length > 0 && nudged.length <= this.options.batchSize && !searchOverdue) {
      return { owner, messages: await this.store.claimDocuments(owner, nudged, now, leaseUntil) };
    }
    this.lastSearch = now.getTime();
    return { owner, messages: await this.store.claim(owner, now, leaseUntil, this.options.batchSize) };
  }

  /** Publishes with confirms, then settles: the confirmed SENT, the refused back for a later retry, the documents free. */
  private async deliver({ owner, messages }: Claim): Promise<void> {
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
      this.logger.warn('outbox message not confirmed; will retry', { documentId: message.documentId, messageId: message.entry.messageId, reason: error.message });
      refused.push({ message, retryAt: this.retryAt(message), error: error.message });
    });
    await this.store.settle(sent, refused, this.now());
    // Only once the documents say what was sent may another claim read them.
    await this.store.release(owner, [...new Set(messages.map((message) => message.documentId))]);
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
