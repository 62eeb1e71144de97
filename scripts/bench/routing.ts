import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import autocannon from 'autocannon';
import { logger } from '../../src/platform/logging/logger.js';
import type { RunningService } from '../../src/service.js';
import { CONNECTIONS, QUEUE, enterpriseKey, start, submission } from './routing/bench-service.js';
import { relayVersusRaw } from './routing/relay-versus-raw.js';

/**
 * Routing latency and relay throughput, each beside its ceiling measured in the same run:
 * 1. the maximum intake rate (autocannon, in a child process, against POST /api/v1/documents);
 * 2. at half that rate, the time from the 202 to the message sitting in sw.agency.CUSTOMS
 *    (the child submits and consumes, so both instants come from one clock), against
 *    amqplib publishing straight to that queue at the same rate, timed the same way;
 * 3. the relay draining a backlog of outbox messages, against raw amqplib confirm-publish
 *    of the very same messages, with the CPU each costs this process and RabbitMQ (when
 *    it runs here), and the rate that cost allows on this machine's cores; in nine
 *    rounds, after smaller warm-up rounds of both on the same service; beside them the
 *    same relay over the outbox in memory, which tells the relay's share from the store's.
 * Targets: p99 < 50 ms; relay >= 80 % of raw in the median round. Needs RabbitMQ on 127.0.0.1:5672; own vhost,
 * deleted at the end. About three minutes.
 */
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 8);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 15);
const RAW_LATENCY_SECONDS = 8;

interface Job {
  url: string;
  apiKey: string;
  amqpUrl: string;
  seconds: number;
  rate?: number;
}

const mode = process.argv[2];
if (mode === '--max') await printJson(await maxRate(JSON.parse(process.argv[3]!) as Job));
else if (mode === '--latency') await printJson(await latency(JSON.parse(process.argv[3]!) as Job));
else await main();

async function main(): Promise<void> {
  logger.level = 'error';
  const vhost = createVhost();
  try {
    const service = await start(vhost.url, {});
    let job: Job;
    try {
      job = { url: service.url!, apiKey: await enterpriseKey(service.url!), amqpUrl: vhost.url, seconds: MAX_SECONDS };
      const max = (await child('--max', job)) as { rate: number; errors: number; p99: number };
      console.log(
        `intake ceiling:   ${max.rate.toFixed(0)} submissions/s (202s), ${CONNECTIONS} connections, ${MAX_SECONDS} s, p99 ${max.p99} ms`,
      );
      await drain(service);
      const rate = Math.max(1, Math.floor(max.rate / 2));
      type Percentiles = { p50: number; p99: number; max: number };
      const lat = (await child('--latency', { ...job, seconds: LATENCY_SECONDS, rate })) as Percentiles & {
        sent: number;
        received: number;
        raw: Percentiles;
        rawNagle: Percentiles;
      };
      const show = (p: Percentiles) => `p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`;
      console.log(
        `202 -> in queue:  at ${rate}/s (half the ceiling) for ${LATENCY_SECONDS} s: ${lat.received}/${lat.sent} arrived; ${show(lat)}`,
      );
      console.log(`raw publish -> in queue (amqplib straight to ${QUEUE}, same rate, noDelay): ${show(lat.raw)}`);
      console.log(`                  the same with amqplib's default socket (Nagle on): ${show(lat.rawNagle)}`);
      console.log(
        `                  target p99 < 50 ms: ${lat.p99 < 50 ? 'met' : 'NOT met'} (${((lat.p99 / 50) * 100).toFixed(0)} % of the budget; raw amqplib to the same queue takes ${((lat.raw.p99 / 50) * 100).toFixed(0)} %)`,
      );
    } finally {
      await service.stop();
    }
    await relayVersusRaw(vhost.url);
  } finally {
    vhost.remove();
  }
}

async function maxRate(job: Job) {
  const result = await autocannon({
    url: `${job.url}/api/v1/documents`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: job.seconds,
    headers: { authorization: `Bearer ${job.apiKey}`, 'content-type': 'application/json' },
    body: submission,
  });
  return { rate: result['2xx'] / job.seconds, errors: result.non2xx + result.errors, p99: result.latency.p99 };
}

/** Submits at a fixed rate and times each document from its 202 to its arrival in the customs queue. */
async function latency(job: Job) {
  const connection = await amqp.connect(job.amqpUrl, { noDelay: true });
  const channel = await connection.createChannel();
  const arrived = new Map<string, number>();
  await channel.consume(
    QUEUE,
    (message) => {
      if (message?.properties.correlationId) arrived.set(String(message.properties.correlationId), now());
    },
    { noAck: true },
  );
  const accepted = new Map<string, number>();
  const interval = 1000 / job.rate!;
  const started = now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < job.rate! * job.seconds; i += 1) {
    const due = started + i * interval;
    const wait = due - now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      fetch(`${job.url}/api/v1/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${job.apiKey}`, 'content-type': 'application/json' },
        body: submission,
      }).then(async (response) => {
        const at = now();
        if (response.status === 202) accepted.set(((await response.json()) as { id: string }).id, at);
      }),
    );
  }
  await Promise.all(inFlight);
  await until(() => [...accepted.keys()].every((id) => arrived.has(id)));
  // A message can reach the queue before the client has read the 202: that counts as 0 ms.
  const latencies = [...accepted].filter(([id]) => arrived.has(id)).map(([id, at]) => Math.max(0, arrived.get(id)! - at));

  // The ceilings: the same queue, the same rate, a message published straight to it by amqplib.
  const raw = await rawLatency(job, arrived, { noDelay: true }, 'raw');
  const rawNagle = await rawLatency(job, arrived, {}, 'raw-nagle');
  await connection.close();
  return { sent: accepted.size, received: latencies.length, ...percentiles(latencies), raw, rawNagle };
}

/**
 * Times customs messages published by amqplib on a connection of its own. amqplib
 * leaves Nagle's algorithm on unless told `noDelay`: a small publish then waits for
 * the broker's delayed ACK of the previous one, which alone costs tens of ms.
 */
async function rawLatency(job: Job, arrived: Map<string, number>, socketOptions: { noDelay?: boolean }, prefix: string) {
  const connection = await amqp.connect(job.amqpUrl, socketOptions);
  const publisher = await connection.createConfirmChannel();
  // A customs message as the relay publishes it.
  const xmlSample = `<customs-declaration>${'x'.repeat(4000)}</customs-declaration>`;
  const interval = 1000 / job.rate!;
  const published = new Map<string, number>();
  const started = now();
  for (let i = 0; i < job.rate! * Math.min(job.seconds, RAW_LATENCY_SECONDS); i += 1) {
    const wait = started + i * interval - now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const id = `${prefix}-${i}`;
    published.set(id, now());
    publisher.publish('sw.agency', 'CUSTOMS', Buffer.from(xmlSample), {
      persistent: true,
      mandatory: true,
      messageId: id,
      correlationId: id,
      contentType: 'application/xml',
    });
  }
  await publisher.waitForConfirms();
  await until(() => [...published.keys()].every((id) => arrived.has(id)));
  await connection.close();
  return percentiles([...published].filter(([id]) => arrived.has(id)).map(([id, at]) => arrived.get(id)! - at));
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { p50: pick(0.5), p99: pick(0.99), max: sorted.at(-1) ?? NaN };
}

async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const deadline = now() + ms;
  while (now() < deadline && !done()) await new Promise((resolve) => setTimeout(resolve, 20));
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

/** Waits until the relay has published everything, then empties the customs queue. */
async function drain(service: RunningService): Promise<void> {
  const documents = service.context.db.connection.getClient().db(service.context.db.connection.name).collection('documents');
  while ((await documents.countDocuments({ 'outbox.state': 'PENDING' })) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  const connection = await amqp.connect(service.context.config.amqpUrl);
  const channel = await connection.createChannel();
  await channel.purgeQueue(QUEUE);
  await connection.close();
}

async function child(flag: string, job: Job): Promise<unknown> {
  const process_ = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), flag, JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: process_.stdout }).once('line', resolve);
    process_.once('exit', (code) => reject(new Error(`${flag} child exited with ${code}`)));
  });
  return JSON.parse(line);
}

async function printJson(value: unknown): Promise<void> {
  process.stdout.write(`${JSON.stringify(value)}\n`);
  process.exit(0);
}

function createVhost(): { url: string; remove: () => void } {
  const name = `sw-bench-routing-${process.pid}`;
  execFileSync('rabbitmqctl', ['-q', 'add_vhost', name]);
  execFileSync('rabbitmqctl', ['-q', 'set_permissions', '-p', name, 'guest', '.*', '.*', '.*']);
  return { url: `amqp://guest:guest@127.0.0.1:5672/${name}`, remove: () => execFileSync('rabbitmqctl', ['-q', 'delete_vhost', name]) };
}
