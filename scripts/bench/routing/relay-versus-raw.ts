import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import autocannon from 'autocannon';
import { MongoOutboxStore } from '../../../src/outbox/mongo/mongo-outbox-store.js';
import { OutboxRelay } from '../../../src/outbox/outbox-relay.js';
import { OutboxSignal } from '../../../src/outbox/outbox-signal.js';
import type { ClaimedMessage, OutboxStore } from '../../../src/outbox/outbox-store.js';
import type { OutboxEntry } from '../../../src/kernel/document-record.js';
import { logger } from '../../../src/platform/logging/logger.js';
import { BROKER_SOCKET_OPTIONS } from '../../../src/platform/messaging/broker.js';
import type { RunningService } from '../../../src/service.js';
import type { Worker } from '../../../src/platform/service-context.js';
import { CONNECTIONS, QUEUE, enterpriseKey, start, submission } from './bench-service.js';
import { MemoryOutbox } from './memory-outbox.js';

/**
 * The routing benchmark's throughput part: the relay draining a backlog of outbox
 * messages beside raw amqplib confirm-publish of the very same messages.
 */
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 3000);
const WARM_UP_BACKLOG = Number(process.env.BENCH_WARM_UP_BACKLOG ?? 1000);
const WARM_UP_ROUNDS = Number(process.env.BENCH_WARM_UP_ROUNDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

/** RabbitMQ's process and the kernel's clock ticks per second, looked up once: a timed window only reads /proc. */
const broker = (() => {
  try {
    const pid = execFileSync('pgrep', ['-x', 'beam.smp'], { encoding: 'utf8' }).trim().split('\n')[0];
    return { pid, ticksPerSecond: Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) };
  } catch {
    return undefined;
  }
})();

/** One publisher's run over a round's messages. */
interface Timed {
  rate: number;
  /** CPU of this process (every thread) per message, in ms. */
  cpuPerMessage: number;
  /** RabbitMQ's CPU per message, in ms, when its process is on this machine. */
  brokerPerMessage: number | undefined;
}

interface RelayRound {
  /** Messages in flight for raw confirm-publish: as many as a relay batch holds. */
  window: number;
  messages: number;
  raw: Timed;
  relay: Timed;
  /** The same relay over an outbox in memory: its own work without the store's. */
  inMemory: Timed;
}

/**
 * The same messages, published three times: raw amqplib with confirms, then by the
 * relay from the outbox, then by the relay from a copy of the outbox in memory (the
 * relay's work without the store's, to tell whose the gap to raw is). Smaller rounds
 * warm up first, each printed: the service (and its store's thread) is new, and until
 * the JIT has compiled their hot code, compiling it costs about a quarter of the
 * relay's CPU. A relay role runs for days; then nine full rounds are measured. A
 * round lasts about a second of each, and on a shared machine the rate of either can
 * move by a fifth or more from one round to the next: each round pairs raw and relay
 * back to back, and the verdict is the median of the rounds' ratios. Nine rounds, not
 * three: the median of three moved by more than ten points between runs of one build.
 */
export async function relayVersusRaw(amqpUrl: string): Promise<void> {
  const service = await start(amqpUrl, { roles: ['api', 'decisions'] });
  try {
    const apiKey = await enterpriseKey(service.url!);
    const store = await MongoOutboxStore.create(service.context.db.connection);
    const batchSize = service.context.config.relayBatchSize;
    for (let i = 1; i <= WARM_UP_ROUNDS; i += 1) {
      const { round } = await relayRound(service, store, apiKey, WARM_UP_BACKLOG);
      console.log(
        `warm-up round ${i}:  ${round.messages} messages of ${WARM_UP_BACKLOG} documents: raw ${round.raw.rate.toFixed(0)} msg/s, relay ${round.relay.rate.toFixed(0)} msg/s (${percent(round.relay.rate / round.raw.rate)}), relay cpu ${round.relay.cpuPerMessage.toFixed(3)} ms per message`,
      );
    }
    const rounds: RelayRound[] = [];
    let pending: PendingMessage[] = [];
    for (let i = 1; i <= ROUNDS; i += 1) {
      const measured = await relayRound(service, store, apiKey, BACKLOG);
      const { round } = measured;
      // Only the last round's messages are kept (for the store ceiling): this process's heap is the relay's.
      pending = measured.pending;
      rounds.push(round);
      if (i === 1) {
        console.log(
          `backlog:          ${round.messages} outbox messages of ${BACKLOG} documents per round (agency work as XML and status events)`,
        );
        console.log(
          `                  raw: amqplib confirm-publish, ${round.window} in flight, the broker's socket options; relay: claim, publish, settle, batches of ${batchSize} documents, up to ${service.context.config.relayConcurrency} at once`,
        );
      }
      console.log(
        `round ${i}:          raw ${round.raw.rate.toFixed(0)} msg/s, relay ${round.relay.rate.toFixed(0)} msg/s: ${percent(round.relay.rate / round.raw.rate)}; in memory ${round.inMemory.rate.toFixed(0)} msg/s: ${percent(round.inMemory.rate / round.raw.rate)}; cpu per message raw ${round.raw.cpuPerMessage.toFixed(3)} ms, relay ${round.relay.cpuPerMessage.toFixed(3)} ms, in memory ${round.inMemory.cpuPerMessage.toFixed(3)} ms`,
      );
    }
    const ratios = rounds.map((round) => round.relay.rate / round.raw.rate);
    const ratio = median(ratios);
    const inMemoryRatio = median(rounds.map((round) => round.inMemory.rate / round.raw.rate));
    // Every round publishes as many messages: the pooled rate is the count over the summed time.
    const pooled = (rates: number[]) => rates.length / rates.reduce((sum, rate) => sum + 1 / rate, 0);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const rawRate = pooled(rounds.map((round) => round.raw.rate));
    const relayRate = pooled(rounds.map((round) => round.relay.rate));
    const rawCpuPerMessage = mean(rounds.map((round) => round.raw.cpuPerMessage));
    const relayCpuPerMessage = mean(rounds.map((round) => round.relay.cpuPerMessage));
    const inMemoryCpuPerMessage = mean(rounds.map((round) => round.inMemory.cpuPerMessage));
    console.log(
      `all ${ROUNDS} rounds:     raw ${rawRate.toFixed(0)} msg/s, relay ${relayRate.toFixed(0)} msg/s (${percent(relayRate / rawRate)} pooled)`,
    );
    console.log(
      `                  relay / raw by round, in order: ${[...ratios]
        .sort((a, b) => a - b)
        .map((value) => (value * 100).toFixed(0))
        .join(', ')} %; the middle half ${percent(quantile(ratios, 0.25))} to ${percent(quantile(ratios, 0.75))}`,
    );
    console.log(
      `                  relay / raw = ${percent(ratio, 1)}, the median round (target >= 80 %: ${ratio >= 0.8 ? 'met' : 'NOT met'})`,
    );
    console.log(`                  the relay over an outbox in memory (no store): ${percent(inMemoryRatio, 1)} of raw, the median round`);
    console.log(
      `cpu per message:  raw ${rawCpuPerMessage.toFixed(3)} ms, relay ${relayCpuPerMessage.toFixed(3)} ms (this process, ${service.context.db.embedded ? "the embedded store's thread included" : 'MongoDB apart'}; the broker's apart), relay in memory ${inMemoryCpuPerMessage.toFixed(3)} ms`,
    );
    const brokerPerMessage = (pick: (round: RelayRound) => number | undefined) => {
      const values = rounds.map(pick);
      return values.every((value) => value !== undefined) ? mean(values as number[]) : undefined;
    };
    const rawBrokerPerMessage = brokerPerMessage((round) => round.raw.brokerPerMessage);
    const relayBrokerPerMessage = brokerPerMessage((round) => round.relay.brokerPerMessage);
    if (rawBrokerPerMessage !== undefined && relayBrokerPerMessage !== undefined) {
      // Everything shares this machine's cores: what the relay and the broker spend per
      // message bounds the relay's rate, however the work overlaps.
      const cores = availableParallelism();
      const bound = (cores * 1000) / (relayCpuPerMessage + relayBrokerPerMessage);
      console.log(
        `                  RabbitMQ: ${rawBrokerPerMessage.toFixed(3)} ms per raw message, ${relayBrokerPerMessage.toFixed(3)} ms per relayed one`,
      );
      console.log(
        `                  cores busy: raw ${(((rawCpuPerMessage + rawBrokerPerMessage) * rawRate) / 1000).toFixed(2)}, relay ${(((relayCpuPerMessage + relayBrokerPerMessage) * relayRate) / 1000).toFixed(2)} of ${cores}; at this cost per message the relay could reach at most ${bound.toFixed(0)} msg/s (${percent(bound / rawRate)} of raw)`,
      );
    }

    // What the store itself allows: the relay's writes to the documents are its settles,
    // one per batch. The entries are made PENDING again and settled once more, batch by
    // batch, as the relay settles them.
    const documents = outboxDocuments(service);
    const ids = [...new Set(pending.map((message) => message.documentId))];
    await documents.updateMany({ _id: { $in: ids } }, { $set: { 'outbox.$[].state': 'PENDING' } });
    const claimed = pending.map(claimedMessage);
    const storeStarted = performance.now();
    for (let i = 0; i < ids.length; i += batchSize) {
      const batch = new Set(ids.slice(i, i + batchSize));
      await store.settle(
        claimed.filter((message) => batch.has(message.documentId)),
        [],
        new Date(),
      );
    }
    const storeSeconds = (performance.now() - storeStarted) / 1000;
    const updatesPerSecond = ids.length / storeSeconds;
    const storeCeiling = pending.length / storeSeconds;
    console.log(
      `store ceiling:    ${updatesPerSecond.toFixed(0)} documents settled/s on ${service.context.db.embedded ? 'the embedded store' : 'MongoDB'} in batches of ${batchSize} -> at most ${storeCeiling.toFixed(0)} msg/s (relay at ${((relayRate / storeCeiling) * 100).toFixed(0)} % of it)`,
    );
  } finally {
    await service.stop();
  }
}

interface PendingMessage {
  documentId: string;
  entry: OutboxEntry;
}

/**
 * Submits a backlog through the API; publishes its messages raw, then lets a relay
 * publish them from the outbox, then another from a copy of it in memory.
 */
async function relayRound(
  service: RunningService,
  store: MongoOutboxStore,
  apiKey: string,
  backlog: number,
): Promise<{ round: RelayRound; pending: PendingMessage[] }> {
  await autocannon({
    url: `${service.url!}/api/v1/documents`,
    method: 'POST',
    connections: CONNECTIONS,
    amount: backlog,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: submission,
  });
  const documents = outboxDocuments(service);
  const pending: PendingMessage[] = (await documents.find({ 'outbox.state': 'PENDING' }, { projection: { outbox: 1 } }).toArray()).flatMap(
    (doc) => doc.outbox.filter((entry) => entry.state === 'PENDING').map((entry) => ({ documentId: doc._id, entry })),
  );
  const batchSize = service.context.config.relayBatchSize;

  // The socket the service's broker connection uses, so the two differ only in what runs above it.
  const connection = await amqp.connect(service.context.config.amqpUrl, BROKER_SOCKET_OPTIONS);
  const channel = await connection.createConfirmChannel();
  // Each run starts and ends with the queues empty: a queue's backlog would cost the broker more per message.
  const purge = async () => Promise.all([channel.purgeQueue(QUEUE), channel.purgeQueue('sw.events.recent')]);
  // Every message a run published (and, for the relays, marked sent) is in its queue.
  const checkQueues = async (run: string) => {
    const inQueues = (await channel.checkQueue(QUEUE)).messageCount + (await channel.checkQueue('sw.events.recent')).messageCount;
    if (inQueues !== pending.length) throw new Error(`${inQueues} of ${pending.length} ${run} messages in their queues`);
    await purge();
  };
  await purge();
  const window = Math.round((pending.length / backlog) * batchSize);
  const raw = await timed(pending.length, async () => {
    for (let i = 0; i < pending.length; i += window) {
      for (const { documentId, entry } of pending.slice(i, i + window)) {
        channel.publish(entry.exchange, entry.routingKey, Buffer.from(entry.body), {
          persistent: true,
          mandatory: true,
          messageId: entry.messageId,
          correlationId: documentId,
          type: entry.type,
          contentType: entry.contentType,
          headers: entry.headers,
          timestamp: Math.floor(new Date(entry.createdAt).getTime() / 1000),
        });
      }
      await channel.waitForConfirms();
    }
  });
  await checkQueues('raw');

  // The relay as the relay role runs it, until the backlog is published and settled.
  const relay = await relayUntilSettled(service, pending.length, (settled) => ({
    claim: (...args) => store.claim(...args),
    claimDocuments: (...args) => store.claimDocuments(...args),
    release: (...args) => store.release(...args),
    settle: async (sent, refused, at) => {
      await store.settle(sent, refused, at);
      settled(sent.length);
    },
  }));
  await checkQueues('relayed');

  // The same relay and broker connection, over the same messages in memory.
  const claimed = pending.map(claimedMessage);
  const inMemory = await relayUntilSettled(service, pending.length, (settled) => new MemoryOutbox(claimed, settled));
  await checkQueues('relayed (in memory)');
  await connection.close();

  const unmarked = await documents.countDocuments({ 'outbox.state': 'PENDING' });
  if (unmarked > 0) throw new Error(`${unmarked} documents still have PENDING messages after the relay stopped`);
  const leftLeases = await documents.db.collection('outbox_leases').countDocuments();
  if (leftLeases > 0) throw new Error(`${leftLeases} outbox leases left after the relay stopped`);
  return { round: { window, messages: pending.length, raw, relay, inMemory }, pending };
}

/**
 * Runs a relay as the relay role runs it, over `outbox`, until its settles have
 * confirmed `messages`; then stops it. Settles are counted as the outbox takes them:
 * watching asks nothing of the broker or the store, and the time ends at the last.
 */
async function relayUntilSettled(
  service: RunningService,
  messages: number,
  outbox: (settled: (count: number) => void) => OutboxStore,
): Promise<Timed> {
  let settled = 0;
  let allSettled = () => {};
  const done = new Promise<void>((resolve) => (allSettled = resolve));
  const store = outbox((count) => {
    settled += count;
    if (settled >= messages) allSettled();
  });
  const { relayBatchSize: batchSize, relayConcurrency: concurrency } = service.context.config;
  const relay = new OutboxRelay(
    store,
    service.context.broker,
    new OutboxSignal(),
    { pollIntervalMs: 20, leaseMs: 30_000, batchSize, retryBaseMs: 1000, concurrency },
    logger,
  );
  let worker: Worker | undefined;
  const result = await timed(messages, async () => {
    worker = relay.start();
    await done;
  });
  await worker?.stop();
  return result;
}

/** Times `run`, which publishes `messages`: its rate, and the CPU this process and RabbitMQ spent on it. */
async function timed(messages: number, run: () => Promise<void>): Promise<Timed> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const brokerCpu = brokerCpuMs();
  await run();
  const rate = messages / ((performance.now() - started) / 1000);
  return { rate, cpuPerMessage: cpuMs(process.cpuUsage(cpu)) / messages, brokerPerMessage: perMessage(brokerCpu, brokerCpuMs(), messages) };
}

function claimedMessage({ documentId, entry: { body, ...entry } }: PendingMessage): ClaimedMessage {
  return { documentId, entry, body: Buffer.from(body, 'utf8') };
}

function outboxDocuments(service: RunningService) {
  const { connection } = service.context.db;
  return connection.getClient().db(connection.name).collection<{ _id: string; outbox: OutboxEntry[] }>('documents');
}

/** CPU time RabbitMQ's Erlang VM has used so far, in ms, when it runs on this machine (Linux). */
function brokerCpuMs(): number | undefined {
  if (!broker) return undefined;
  try {
    // Fields after the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${broker.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / broker.ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** A ratio as a percentage; the verdict's with a decimal, so that one just under the target does not read as on it. */
function percent(ratio: number, decimals = 0): string {
  return `${(ratio * 100).toFixed(decimals)} %`;
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** The value a fraction `q` of the way through the sorted values, between the two nearest where it falls between them. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

function perMessage(before: number | undefined, after: number | undefined, messages: number): number | undefined {
  return before === undefined || after === undefined ? undefined : (after - before) / messages;
}

/** User and system CPU time of a `process.cpuUsage` difference, in ms (every thread of the process). */
function cpuMs({ user, system }: NodeJS.CpuUsage): number {
  return (user + system) / 1000;
}
