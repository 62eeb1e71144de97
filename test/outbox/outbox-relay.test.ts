import { expect } from 'chai';
import { newOutboxEntry } from '../../src/kernel/outbox-entry.js';
import type { OutboxEntry } from '../../src/kernel/document-record.js';
import { FakeOutboxStore } from '../../src/outbox/fake-outbox-store.js';
import { OutboxRelay, type RelayOptions, type RelayPublisher } from '../../src/outbox/outbox-relay.js';
import { OutboxSignal } from '../../src/outbox/outbox-signal.js';
import type { ClaimedMessage, OutboxStore } from '../../src/outbox/outbox-store.js';
import { logger } from '../../src/platform/logging/logger.js';
import type { OutgoingMessage } from '../../src/platform/messaging/message.js';

const BATCH = 3;
const options: RelayOptions = { pollIntervalMs: 20, leaseMs: 30_000, batchSize: BATCH, retryBaseMs: 10, concurrency: 3 };

function entries(documentId: string): OutboxEntry[] {
  const now = new Date();
  return ['sw.agency/CUSTOMS', 'sw.events/document.SUBMITTED'].map((target) => {
    const [exchange, routingKey] = target.split('/') as [string, string];
    return newOutboxEntry(
      {
        exchange,
        routingKey,
        type: 'customs-declaration',
        contentType: 'application/json',
        body: JSON.stringify({ documentId, routingKey }),
      },
      now,
    );
  });
}

/** A broker that confirms after `delayMs`, refusing the messages `refuse` picks (once each, unless it says otherwise). */
function broker(delayMs = 0, refuse: (message: OutgoingMessage) => boolean = () => false) {
  const published: OutgoingMessage[] = [];
  const publisher: RelayPublisher = {
    publishAll: async (messages) => {
      published.push(...messages);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return messages.map((message) => (refuse(message) ? new Error('NO_ROUTE') : undefined));
    },
  };
  return { publisher, published };
}

/** The store, counting claims and the batches under way (from the claim to the release of its documents). */
function watched(store: FakeOutboxStore) {
  const seen = { claims: 0, byId: [] as string[][], underWay: 0, mostUnderWay: 0 };
  const began = (messages: ClaimedMessage[]) => {
    if (messages.length === 0) return messages;
    seen.underWay += 1;
    seen.mostUnderWay = Math.max(seen.mostUnderWay, seen.underWay);
    return messages;
  };
  const outbox: OutboxStore = {
    claim: async (...args) => {
      seen.claims += 1;
      return began(await store.claim(...args));
    },
    claimDocuments: async (owner, ids, ...rest) => {
      seen.claims += 1;
      seen.byId.push(ids);
      return began(await store.claimDocuments(owner, ids, ...rest));
    },
    settle: (...args) => store.settle(...args),
    release: async (...args) => {
      seen.underWay -= 1;
      await store.release(...args);
    },
  };
  return { outbox, seen };
}

async function eventually(done: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the outbox relay loop (claim, publish with confirms, settle)', function () {
  this.timeout(20_000);

  it('drains a backlog with up to RELAY_CONCURRENCY batches under way, each message published once and marked SENT', async () => {
    const store = new FakeOutboxStore();
    const ids = Array.from({ length: 30 }, (_, i) => `doc-${i}`);
    for (const id of ids) store.add(id, entries(id));
    const { outbox, seen } = watched(store);
    const { publisher, published } = broker(20);
    const worker = new OutboxRelay(outbox, publisher, new OutboxSignal(), options, logger).start();
    await eventually(() => ids.every((id) => store.entries(id).every((entry) => entry.state === 'SENT')), 'every entry SENT');
    await worker.stop();

    expect(published).to.have.length(ids.length * 2);
    expect(new Set(published.map((message) => message.messageId)).size).to.equal(ids.length * 2);
    expect(seen.mostUnderWay, 'batches under way at once').to.equal(options.concurrency);
    expect(store.leased(new Date())).to.deep.equal([]);
    const [customs] = store.entries('doc-0');
    expect(customs).to.deep.include({ state: 'SENT', body: '', attempts: 1 });
  });

  it('asks the store once per poll interval while idle, whatever its concurrency', async () => {
    const { outbox, seen } = watched(new FakeOutboxStore());
    const worker = new OutboxRelay(outbox, broker().publisher, new OutboxSignal(), options, logger).start();
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await worker.stop();
    const intervals = (Date.now() - started) / options.pollIntervalMs;
    expect(seen.claims).to.be.at.least(1);
    expect(seen.claims).to.be.at.most(Math.ceil(intervals) + 1);
  });

  it('claims a document it is notified of by id at once, without waiting for the poll', async () => {
    const store = new FakeOutboxStore();
    const { outbox, seen } = watched(store);
    const { publisher, published } = broker();
    const signal = new OutboxSignal();
    const worker = new OutboxRelay(outbox, publisher, signal, { ...options, pollIntervalMs: 60_000 }, logger).start();
    try {
      await eventually(() => seen.claims === 1, 'the first search');
      const written = entries('doc-new');
      store.add('doc-new', written);
      signal.notify('doc-new', written);
      await eventually(() => published.length === 2, 'both messages published', 2000);
      expect(seen.byId).to.deep.equal([['doc-new']]);
      expect(published.map((message) => message.correlationId)).to.deep.equal(['doc-new', 'doc-new']);
    } finally {
      await worker.stop();
    }
    expect(store.entries('doc-new').map((entry) => entry.state)).to.deep.equal(['SENT', 'SENT']);
  });

  it('keeps no notified documents while no relay listens in this process', () => {
    const signal = new OutboxSignal();
    signal.notify('doc-1', entries('doc-1'));
    expect(signal.takeDocuments()).to.deep.equal([]);
    const stop = signal.listen();
    signal.notify('doc-2', entries('doc-2'));
    signal.notify(
      'doc-3',
      entries('doc-3').map((entry) => ({ ...entry, state: 'SENT' as const })),
    );
    expect(signal.takeDocuments()).to.deep.equal(['doc-2']);
    signal.notify('doc-4', entries('doc-4'));
    stop();
    expect(signal.takeDocuments()).to.deep.equal([]);
  });

  it('gives a refused message back with a retry time, and publishes it again after that', async () => {
    const store = new FakeOutboxStore();
    store.add('doc-1', entries('doc-1'));
    const refusedOnce = new Set<string>();
    const { publisher, published } = broker(0, (message) => {
      if (message.routingKey !== 'CUSTOMS' || refusedOnce.has(message.messageId!)) return false;
      refusedOnce.add(message.messageId!);
      return true;
    });
    const worker = new OutboxRelay(store, publisher, new OutboxSignal(), { ...options, pollIntervalMs: 5 }, logger).start();
    await eventually(() => store.entries('doc-1').every((entry) => entry.state === 'SENT'), 'both entries SENT');
    await worker.stop();

    expect(published.map((message) => message.routingKey)).to.deep.equal(['CUSTOMS', 'document.SUBMITTED', 'CUSTOMS']);
    const [customs, event] = store.entries('doc-1');
    expect(customs).to.deep.include({ state: 'SENT', attempts: 2, lastError: 'NO_ROUTE' });
    expect(event).to.deep.include({ state: 'SENT', attempts: 1 });
  });

  it('stops once the batches under way are settled and their documents free', async () => {
    const store = new FakeOutboxStore();
    const ids = Array.from({ length: 12 }, (_, i) => `doc-${i}`);
    for (const id of ids) store.add(id, entries(id));
    const { publisher, published } = broker(50);
    const worker = new OutboxRelay(store, publisher, new OutboxSignal(), options, logger).start();
    await eventually(() => published.length > 0, 'a first publish');
    await worker.stop();
    const publishedBeforeStop = published.length;

    const states = ids.flatMap((id) => store.entries(id).map((entry) => entry.state));
    expect(states.filter((state) => state === 'SENT')).to.have.length(publishedBeforeStop);
    expect(store.leased(new Date())).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published, 'nothing published after the stop').to.have.length(publishedBeforeStop);
  });

  it('goes on after a claim fails: the next pass claims again', async () => {
    const store = new FakeOutboxStore();
    store.add('doc-1', entries('doc-1'));
    let failures = 1;
    const flaky: OutboxStore = {
      claim: (...args) => (failures-- > 0 ? Promise.reject(new Error('store unreachable')) : store.claim(...args)),
      claimDocuments: (...args) => store.claimDocuments(...args),
      settle: (...args) => store.settle(...args),
      release: (...args) => store.release(...args),
    };
    const { publisher, published } = broker();
    const worker = new OutboxRelay(flaky, publisher, new OutboxSignal(), { ...options, pollIntervalMs: 5 }, logger).start();
    await eventually(() => published.length === 2, 'both messages published');
    await worker.stop();
    expect(store.entries('doc-1').map((entry) => entry.state)).to.deep.equal(['SENT', 'SENT']);
  });
});
