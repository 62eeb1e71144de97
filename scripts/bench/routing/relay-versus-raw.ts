import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import autocannon from 'autocannon';
import { MongoOutboxStore } from '../../../src/outbox/mongo-outbox-store.js';
import { fromEntry } from '../../../src/outbox/outbox-bytes.js';
import { OutboxRelay } from '../../../src/outbox/outbox-relay.js';
import { OutboxSignal } from '../../../src/outbox/outbox-signal.js';
import type { OutboxStore } from '../../../src/outbox/outbox-store.js';
import type { OutboxEntry } from '../../../src/documents/document-record.js';
import { logger } from '../../../src/platform/logging/logger.js';
import { BROKER_SOCKET_OPTIONS } from '../../../src/platform/messaging/broker.js';
import type { RunningService } from '../../../src/service.js';
import { CONNECTIONS, QUEUE, enterpriseKey, start, submission } from './bench-service.js';

/**
 * The routing benchmark's throughput part: the relay draining a backlog of outbox
 * messages beside raw amqplib confirm-publish of the very same messages.
 */
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 3000);
const WARM_UP_BACKLOG = Number(process.env.BENCH_WARM_UP_BACKLOG ?? 1000);
const WARM_UP_ROUNDS = Number(process.env.BENCH_WARM_UP_ROUNDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** RabbitMQ's process and the kernel's clock ticks per second, looked up once: a timed window only reads /proc. */
const broker = (() => {
  try {
    const pid = execFileSync('pgrep', ['-x', 'beam.smp'], { encoding: 'utf8' }).trim().split('\n')[0];
    return { pid, ticksPerSecond: Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) };
  } catch {
    return undefined;
  }
})();

interface RelayRound {
  pending: { documentId: string; entry: OutboxEntry }[];
  /** Messages in flight for raw confirm-publish: as many as a relay batch holds. */
  window: number;
  rawRate: number;
  rawCpuPerMessage: number;
  rawBrokerPerMessage: number | undefined;
  relayRate: number;
  relayCpuPerMessage: number;
  relayBrokerPerMessage: number | undefined;
}

/**
 * The same messages, published twice: raw amqplib with confirms, then by the relay from
 * the outbox. Smaller rounds warm up first, each printed: the service (and its store's
 * thread) is new, and until the JIT has compiled their hot code, compiling it costs about
 * a quarter of the relay's CPU. A relay role runs for days; then several full rounds are
 * measured. One round lasts about a second of each, and on a shared machine the rate of
 * either can move by a fifth from one second to the next: each round pairs raw and relay
 * back to back, and the verdict is the median of the rounds' ratios.
 */
export async function relayVersusRaw(amqpUrl: string): Promise<void> {
  const service = await start(amqpUrl, { roles: ['api', 'decisions'] });
  try {
    const apiKey = await enterpriseKey(service.url!);
    const store = await MongoOutboxStore.create(service.context.db.connection);
    const batchSize = service.context.config.relayBatchSize;
    for (let i = 1; i <= WARM_UP_ROUNDS; i += 1) {
      const warmUp = await relayRound(service, store, apiKey, WARM_UP_BACKLOG);
      console.log(`warm-up round ${i}:  ${warmUp.pending.length} messages of ${WARM_UP_BACKLOG} documents: raw ${warmUp.rawRate.toFixed(0)} msg/s, relay ${warmUp.relayRate.toFixed(0)} msg/s (${percent(warmUp.relayRate / warmUp.rawRate)}), relay cpu ${warmUp.relayCpuPerMessage.toFixed(3)} ms per message`);
    }
    const rounds: RelayRound[] = [];
    for (let i = 1; i <= ROUNDS; i += 1) {
      const round = await relayRound(service, store, apiKey, BACKLOG);
      rounds.push(round);
      if (i === 1) {
        console.log(`backlog:          ${round.pending.length} outbox messages of ${BACKLOG} documents per round (agency work as XML and status events)`);
        console.log(`                  raw: amqplib confirm-publish, ${round.window} in flight, the broker's socket options; relay: claim, publish, settle, batches of ${batchSize} documents`);
      }
      console.log(`round ${i}:          raw ${round.rawRate.toFixed(0)} msg/s, relay ${round.relayRate.toFixed(0)} msg/s: ${percent(round.relayRate / round.rawRate)}; cpu per message raw ${round.rawCpuPerMessage.toFixed(3)} ms, relay ${round.relayCpuPerMessage.toFixed(3)} ms`);
    }
    const { pending } = rounds.at(-1)!;
    const ratio = median(rounds.map((round) => round.relayRate / round.rawRate));
    // Every round publishes as many messages: the pooled rate is the count over the summed time.
    const pooled = (rates: number[]) => rates.length / rates.reduce((sum, rate) => sum + 1 / rate, 0);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const rawRate = pooled(rounds.map((round) => round.rawRate));
    const relayRate = pooled(rounds.map((round) => round.relayRate));
    const rawCpuPerMessage = mean(rounds.map((round) => round.rawCpuPerMessage));
    const relayCpuPerMessage = mean(rounds.map((round) => round.relayCpuPerMessage));
    console.log(`all ${ROUNDS} rounds:     raw ${rawRate.toFixed(0)} msg/s, relay ${relayRate.toFixed(0)} msg/s (${percent(relayRate / rawRate)} pooled)`);
    console.log(`                  relay / raw = ${percent(ratio)}, the median round (target >= 80 %: ${ratio >= 0.8 ? 'met' : 'NOT met'})`);
    console.log(`cpu per message:  raw ${rawCpuPerMessage.toFixed(3)} ms, relay ${relayCpuPerMessage.toFixed(3)} ms (this process, ${service.context.db.embedded ? "the embedded store's thread included" : 'MongoDB apart'}; the broker's apart)`);
    const brokerPerMessage = (pick: (round: RelayRound) => number | undefined) => {
      const values = rounds.map(pick);
      return values.every((value) => value !== undefined) ? mean(values as number[]) : undefined;
    };
    const rawBrokerPerMessage = brokerPerMessage((round) => round.rawBrokerPerMessage);
    const relayBrokerPerMessage = brokerPerMessage((round) => round.relayBrokerPerMessage);
    if (rawBrokerPerMessage !== undefined && relayBrokerPerMessage !== undefined) {
      // Everything shares this machine's cores: what the relay and the broker spend per
      // message bounds the relay's rate, however the work overlaps.
      const cores = availableParallelism();
      const bound = (cores * 1000) / (relayCpuPerMessage + relayBrokerPerMessage);
      console.log(`                  RabbitMQ: ${rawBrokerPerMessage.toFixed(3)} ms per raw message, ${relayBrokerPerMessage.toFixed(3)} ms per relayed one`);
      console.log(`                  cores busy: raw ${(((rawCpuPerMessage + rawBrokerPerMessage) * rawRate) / 1000).toFixed(2)}, relay ${(((relayCpuPerMessage + relayBrokerPerMessage) * relayRate) / 1000).toFixed(2)} of ${cores}; at this cost per message the relay could reach at most ${bound.toFixed(0)} msg/s (${percent(bound / rawRate)} of raw)`);
    }

    // What the store itself allows: the relay's writes to the documents are its settles,
    // one per batch. The entries are made PENDING again and settled once more, batch by
    // batch, as the relay settles them.
    const documents = outboxDocuments(service);
    const ids = [...new Set(pending.map((message) => message.documentId))];
    await documents.updateMany({ _id: { $in: ids } }, { $set: { 'outbox.$[].state': 'PENDING' } });
    const claimed = pending.map(({ documentId, entry }) => ({ documentId, ...fromEntry(entry) }));
    const storeStarted = performance.now();
    for (let i = 0; i < ids.length; i += batchSize) {
      const batch = new Set(ids.slice(i, i + batchSize));
      await store.settle(claimed.filter((message) => batch.has(message.documentId)), [], new Date());
    }
    const storeSeconds = (performance.now() - storeStarted) / 1000;
    const updatesPerSecond = ids.length / storeSeconds;
    const storeCeiling = pending.length / storeSeconds;
    console.log(`store ceiling:    ${updatesPerSecond.toFixed(0)} documents settled/s on ${service.context.db.embedded ? 'the embedded store' : 'MongoDB'} in batches of ${batchSize} -> at most ${storeCeiling.toFixed(0)} msg/s (relay at ${((relayRate / storeCeiling) * 100).toFixed(0)} % of it)`);
  } finally {
    await service.stop();
  }
}

/** Submits a backlog through the API, publishes its messages raw, then lets a relay publish them from the outbox. */
async function relayRound(service: RunningService, store: MongoOutboxStore, apiKey: string, backlog: number): Promise<RelayRound> {
  await autocannon({ url: `${service.url!}/api/v1/documents`, method: 'POST', connections: CONNECTIONS, amount: backlog, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: submission });
  const documents = outboxDocuments(service);
  const pending = (await documents.find({ 'outbox.state': 'PENDING' }, { projection: { outbox: 1 } }).toArray()).flatMap((doc) =>
    doc.outbox.filter((entry) => entry.state === 'PENDING').map((entry) => ({ documentId: doc._id, entry })),
  );
  const batchSize = service.context.config.relayBatchSize;

  // The socket the service's broker connection uses, so the two differ only in what runs above it.
  const connection = await amqp.connect(service.context.config.amqpUrl, BROKER_SOCKET_OPTIONS);
  const channel = await connection.createConfirmChannel();
  // Each round starts and ends with the queues empty: a queue's backlog would cost the broker more per message.
  const purge = async () => Promise.all([channel.purgeQueue(QUEUE), channel.purgeQueue('sw.events.recent')]);
  await purge();
  const window = Math.round((pending.length / backlog) * batchSize);
  const rawStarted = performance.now();
  const rawCpu = process.cpuUsage();
  const rawBrokerCpu = brokerCpuMs();
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
  const rawRate = pending.length / ((performance.now() - rawStarted) / 1000);
  const rawCpuPerMessage = cpuMs(process.cpuUsage(rawCpu)) / pending.length;
  const rawBrokerPerMessage = perMessage(rawBrokerCpu, brokerCpuMs(), pending.length);
  await purge();

  // The relay as the relay role runs it, until the backlog is published and settled.
  // Its settles are counted as they are stored: watching asks nothing of the broker or the store.
  let settled = 0;
  const counted: OutboxStore = {
    claim: (...args) => store.claim(...args),
    claimDocuments: (...args) => store.claimDocuments(...args),
    release: (...args) => store.release(...args),
    settle: async (sent, refused, at) => {
      await store.settle(sent, refused, at);
      settled += sent.length;
    },
  };
  const relay = new OutboxRelay(counted, service.context.broker, new OutboxSignal(), { pollIntervalMs: 20, leaseMs: 30_000, batchSize, retryBaseMs: 1000 }, logger);
  const relayStarted = performance.now();
  const relayCpu = process.cpuUsage();
  const relayBrokerCpu = brokerCpuMs();
  const worker = relay.start();
  while (settled < pending.length) await new Promise((resolve) => setTimeout(resolve, 10));
  await worker.stop();
  const relayRate = pending.length / ((performance.now() - relayStarted) / 1000);
  const relayCpuPerMessage = cpuMs(process.cpuUsage(relayCpu)) / pending.length;
  const relayBrokerPerMessage = perMessage(relayBrokerCpu, brokerCpuMs(), pending.length);
  // Every message the relay marked sent is in its queue.
  const inQueues = (await channel.checkQueue(QUEUE)).messageCount + (await channel.checkQueue('sw.events.recent')).messageCount;
  if (inQueues !== pending.length) throw new Error(`${inQueues} of ${pending.length} relayed messages in their queues`);
  await purge();
  await connection.close();

  const unmarked = await documents.countDocuments({ 'outbox.state': 'PENDING' });
  if (unmarked > 0) throw new Error(`${unmarked} documents still have PENDING messages after the relay stopped`);
  const leftLeases = await documents.db.collection('outbox_leases').countDocuments();
  if (leftLeases > 0) throw new Error(`${leftLeases} outbox leases left after the relay stopped`);
  return { pending, window, rawRate, rawCpuPerMessage, rawBrokerPerMessage, relayRate, relayCpuPerMessage, relayBrokerPerMessage };
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

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)} %`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function perMessage(before: number | undefined, after: number | undefined, messages: number): number | undefined {
  return before === undefined || after === undefined ? undefined : (after - before) / messages;
}

/** User and system CPU time of a `process.cpuUsage` difference, in ms (every thread of the process). */
function cpuMs({ user, system }: NodeJS.CpuUsage): number {
  return (user + system) / 1000;
}

