import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express from 'express';
import { SchemaCatalog } from '../../src/catalog/schema-catalog.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { logger } from '../../src/platform/logging/logger.js';
import { startService, type RunningService } from '../../src/service.js';
import { DocumentXmlCodec } from '../../src/xml/document-xml-codec.js';
import { createVhost } from '../../test/support/rabbitmq-vhost.js';
import { buildDeclaration } from '../fixtures/large-declaration.js';

/**
 * Intake throughput: accepted submissions (202) per second of a 20-item and a
 * 1000-item customs declaration, in JSON and in XML, against the real service (api
 * role, durable embedded store in a temporary DATA_DIR, fsync before acknowledging),
 * beside the ceiling measured in the same run: a bare Express route with the same
 * body parser and limit that answers 202. Load comes from autocannon in a child
 * process so it does not share the service's event loop. A floor is measured too: the
 * ceiling's route plus one insertOne of the parsed body into the same store, the least
 * any intake that stores what it accepts must cost.
 * Targets: JSON 20-item >= 40 % of its ceiling; XML >= 70 % of JSON; a 1000-item
 * declaration costs <= 50 times a 20-item one. Needs RabbitMQ on 127.0.0.1:5672
 * (own vhost, deleted at the end). About two minutes.
 */
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const STORE = (process.env.BENCH_STORE ?? 'always') as 'always' | 'never' | 'memory';

interface Load {
  url: string;
  headers: Record<string, string>;
  /** File holding the body: a 1000-item declaration is too long for a command line. */
  bodyFile: string;
  seconds: number;
}

interface Result {
  rate: number;
  accepted: number;
  other: number;
  p99: number;
}

if (process.argv[2] === '--load') {
  process.stdout.write(`${JSON.stringify(await load(JSON.parse(process.argv[3]!) as Load))}\n`);
  process.exit(0);
} else {
  await main();
}

async function main(): Promise<void> {
  logger.level = 'error';
  const codec = new DocumentXmlCodec(SchemaCatalog.load(), { maxDepth: 32, maxElements: 1_000_000 });
  const bodies = [20, 1000].map((items) => {
    const data = buildDeclaration(items);
    return { items, json: JSON.stringify({ type: 'customs-declaration', data }), xml: codec.encode('customs-declaration', data) };
  });

  const vhost = await createVhost();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sw-bench-intake-'));
  const ceiling = await startCeiling();
  const service = await startService(
    loadConfig(
      {},
      {
        port: 0,
        roles: ['api'],
        storeFsync: STORE,
        dataDir,
        amqpUrl: vhost.url,
        adminToken: ADMIN_TOKEN,
        logLevel: 'error',
        rateLimitPerMinute: 10_000_000,
      },
    ),
  );
  try {
    const apiKey = await enterpriseKey(service.url!);
    const auth = { authorization: `Bearer ${apiKey}` };
    console.log(
      `intake benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run, store ${STORE === 'memory' ? 'in memory' : `durable (fsync ${STORE})`}, api role only`,
    );
    const rows: Record<string, { intake: Result; ceiling: Result }> = {};
    let floor: Result | undefined;
    for (const { items, json, xml } of bodies) {
      for (const [format, body, contentType] of [
        ['JSON', json, 'application/json'],
        ['XML', xml, 'application/xml'],
      ] as const) {
        const headers = { 'content-type': contentType };
        const bodyFile = path.join(dataDir, `body-${items}.${format.toLowerCase()}`);
        await writeFile(bodyFile, body);
        const bare = await child({ url: `${ceiling.url}/api/v1/documents`, headers, bodyFile, seconds: SECONDS });
        const intake = await child({
          url: `${service.url}/api/v1/documents`,
          headers: { ...headers, ...auth },
          bodyFile,
          seconds: SECONDS,
        });
        await settle(service);
        rows[`${format} ${items}`] = { intake, ceiling: bare };
        if (format === 'JSON' && items === 20) floor = await measureFloor(service, bodyFile);
        console.log(
          `${format.padEnd(4)} ${String(items).padStart(4)} items (${kb(body)}): intake ${intake.rate.toFixed(1).padStart(7)}/s (p99 ${intake.p99} ms, ${intake.other} not 202)` +
            `   ceiling ${bare.rate.toFixed(1).padStart(7)}/s   ${percent(intake.rate / bare.rate)} of ceiling`,
        );
      }
    }
    const json20 = rows['JSON 20']!;
    console.log(
      `floor: the ceiling's route plus one insertOne of the parsed 20-item JSON body into the same store: ${floor!.rate.toFixed(1)}/s, ` +
        `${percent(floor!.rate / json20.ceiling.rate)} of the ceiling (intake: ${percent(json20.intake.rate / json20.ceiling.rate)})`,
    );
    const rate = (key: string) => rows[key]!.intake.rate;
    console.log('targets:');
    verdict('JSON 20-item intake vs its ceiling', rate('JSON 20') / rows['JSON 20']!.ceiling.rate, '>=', 0.4);
    verdict('XML 20-item intake vs JSON 20-item intake', rate('XML 20') / rate('JSON 20'), '>=', 0.7);
    verdict('XML 1000-item intake vs JSON 1000-item intake', rate('XML 1000') / rate('JSON 1000'), '>=', 0.7);
    verdict('cost of a 1000-item JSON declaration vs a 20-item one', rate('JSON 20') / rate('JSON 1000'), '<=', 50);
    verdict('cost of a 1000-item XML declaration vs a 20-item one', rate('XML 20') / rate('XML 1000'), '<=', 50);
  } finally {
    await service.stop();
    await new Promise((resolve) => ceiling.server.close(resolve));
    await vhost.remove();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Waits for the requests autocannon left in flight to finish (no new document for a
 * second), so they neither weigh on the next measurement nor meet a closed database.
 */
async function settle(service: RunningService): Promise<void> {
  const documents = service.context.db.connection.getClient().db(service.context.db.connection.name).collection('documents');
  let last = -1;
  let stable = 0;
  for (let waited = 0; stable < 4 && waited < 60_000; waited += 250) {
    const count = await documents.estimatedDocumentCount();
    stable = count === last ? stable + 1 : 0;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The ceiling: the same body parsers and limit as the service, then 202 and nothing else. */
async function startCeiling(): Promise<{ server: Server; url: string }> {
  const app = express();
  const limit = loadConfig({}).bodyLimitBytes;
  app.use(express.json({ limit, type: ['application/json', 'application/*+json'] }));
  app.use(express.text({ limit, type: ['application/xml', 'text/xml', 'application/*+xml'] }));
  app.post('/api/v1/documents', (_req, res) => {
    res.status(202).json({
      id: '6f1c2a7e-2d1b-4c55-9a43-0c1f5e9b2d11',
      reference: 'VNSW-2025-00000001',
      type: 'customs-declaration',
      status: 'SUBMITTED',
    });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * The floor under any intake that stores what it accepts: the ceiling's parser and 202,
 * with one insertOne of the parsed body into the service's own store, awaited first.
 */
async function measureFloor(service: RunningService, bodyFile: string): Promise<Result> {
  const floor = service.context.db.connection.getClient().db(service.context.db.connection.name).collection<{ _id: string }>('bench_floor');
  const app = express();
  app.use(express.json({ limit: loadConfig({}).bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  app.post('/api/v1/documents', async (req, res) => {
    await floor.insertOne({ _id: randomUUID(), ...(req.body as Record<string, unknown>) });
    res.status(202).json({
      id: '6f1c2a7e-2d1b-4c55-9a43-0c1f5e9b2d11',
      reference: 'VNSW-2025-00000001',
      type: 'customs-declaration',
      status: 'SUBMITTED',
    });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/documents`;
    return await child({ url, headers: { 'content-type': 'application/json' }, bodyFile, seconds: SECONDS });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function load(job: Load): Promise<Result> {
  const body = await readFile(job.bodyFile, 'utf8');
  const run = await autocannon({
    url: job.url,
    method: 'POST',
    headers: job.headers,
    body,
    connections: CONNECTIONS,
    duration: job.seconds,
  });
  const accepted = run.statusCodeStats?.['202']?.count ?? 0;
  return { rate: accepted / job.seconds, accepted, other: run.requests.total - accepted, p99: run.latency.p99 };
}

async function child(job: Load): Promise<Result> {
  const process_ = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--load', JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise<Result>((resolve, reject) => {
    createInterface({ input: process_.stdout }).once('line', (line) => resolve(JSON.parse(line) as Result));
    process_.once('exit', (code) => reject(new Error(`load child exited with ${code}`)));
  });
}

async function enterpriseKey(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/admin/enterprises`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ taxId: '0106789123', name: 'Nguyen Gia Home Appliances Distribution JSC' }),
  });
  if (response.status !== 201) throw new Error(`enterprise registration answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { apiKey: string }).apiKey;
}

function verdict(what: string, value: number, comparison: '>=' | '<=', target: number): void {
  const met = comparison === '>=' ? value >= target : value <= target;
  const shown = target < 1 ? percent(value) : `${value.toFixed(1)}x`;
  const goal = target < 1 ? percent(target) : `${target}x`;
  console.log(`  ${what}: ${shown} (target ${comparison} ${goal}) ${met ? 'met' : 'NOT met'}`);
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)} %`;
}

function kb(body: string): string {
  return `${(Buffer.byteLength(body) / 1024).toFixed(0)} KB`;
}
