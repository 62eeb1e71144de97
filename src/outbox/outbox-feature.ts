import type { TradeDocument } from '../kernel/document-record.js';
import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import { MongoOutboxStore } from './mongo/mongo-outbox-store.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxSignal } from './outbox-signal.js';

/**
 * The outbox relay (`relay` role) and the signal through which the features that
 * store outbox entries tell this process's relay about them.
 */
export async function createOutboxFeature({ config, db, broker, logger }: ServiceContext) {
  const signal = new OutboxSignal();
  const store = await MongoOutboxStore.create(db.connection);
  const relayOptions = {
    pollIntervalMs: config.relayPollIntervalMs,
    leaseMs: config.relayLeaseMs,
    batchSize: config.relayBatchSize,
    retryBaseMs: config.relayRetryBaseMs,
    concurrency: config.relayConcurrency,
  };
  const parts: FeatureParts = {
    workers: [
      { role: 'relay', name: 'outbox-relay', start: async () => new OutboxRelay(store, broker, signal, relayOptions, logger).start() },
    ],
  };
  /** For the intake: a stored document's messages go to this process's relay at once. */
  const onStored = (document: TradeDocument) => signal.notify(document.id, document.outbox);
  return { signal, onStored, parts };
}

export type OutboxFeature = Awaited<ReturnType<typeof createOutboxFeature>>;
