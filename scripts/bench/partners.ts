import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeEnvelope } from '../../src/partners/messages/envelope-writer.js';
import type { EnvelopeHeader } from '../../src/partners/messages/envelope.js';
import { PartnerSchemas } from '../../src/partners/partner-schemas.js';
import { ProfileRegistry } from '../../src/partners/profiles/profile-registry.js';
import { readReceipt } from '../../src/partners/messages/receipt-reader.js';
import { createSelfSignedIdentity } from '../../src/partners/signing/self-signed-certificate.js';
import { signDocument, verifyDocument } from '../../src/partners/signing/xml-signature.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { logger } from '../../src/platform/logging/logger.js';
import { startService } from '../../src/service.js';
import { startPartnerSimulator } from '../partner-simulator/partner-simulator.js';
import { SimulatorOutbox } from '../partner-simulator/simulator-outbox.js';

/**
 * Partner exchange throughput, each figure beside the cost of its cryptography
 * measured in the same run:
 * - outbound: encode + sign + POST to the simulator (its own process) + verify
 *   the signed receipt, against signing and verifying alone;
 * - inbound: the real service's POST /api/v1/partners/TH/messages (parse, verify,
 *   deduplicate, check, store, signed receipt), against verifying and signing alone.
 * Needs RabbitMQ on 127.0.0.1:5672. Runs for about a minute.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const LIMITS = { maxDepth: 32, maxElements: 200_000 };
const failures = new Map<string, number>();
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../test/fixtures/partners/canonical/${name}.json`, import.meta.url)), 'utf8'),
  ) as Record<string, unknown>;

if (process.argv[2] === '--simulator') {
  // The simulated partner runs in its own process so it does not share the event loop being measured.
  const { certificatePem } = JSON.parse(process.argv[3]!) as { certificatePem: string };
  const simulator = await startPartnerSimulator({ country: 'TH', profile: 'asw', singleWindow: { country: 'VN', certificatePem } });
  process.stdout.write(`${JSON.stringify({ url: simulator.url, certificatePem: simulator.identity.certificatePem })}\n`);
} else {
  await main();
}

async function main(): Promise<void> {
  logger.level = 'error';
  const profiles = ProfileRegistry.standard();
  const schemas = new PartnerSchemas(profiles);
  const vietnam = createSelfSignedIdentity({ country: 'VN', organisation: 'Viet Nam National Single Window', commonName: 'bench' });
  const declaration = fixture('customs-declaration-export-th');
  const codec = profiles.codec('asw', 'customs-declaration')!;
  const header = (to: string, from: string): EnvelopeHeader => ({
    messageId: randomBytes(12).toString('hex'),
    conversationId: randomBytes(12).toString('hex'),
    from,
    to,
    profile: 'asw',
    kind: 'document',
    documentType: 'customs-declaration',
    documentStatus: 'original',
    sentAt: new Date(),
  });
  const envelope = () => writeEnvelope(header('TH', 'VN'), (payload) => codec.encode(declaration, payload));
  const sample = signDocument(envelope(), vietnam.privateKeyPem, vietnam.certificatePem);
  console.log(`message: ACDD export declaration, ${sample.length} bytes signed; ${SECONDS} s per measurement, ${CONCURRENCY} in flight`);

  const signRate = await rate(async () => void signDocument(envelope(), vietnam.privateKeyPem, vietnam.certificatePem), 1);
  const verifyRate = await rate(async () => void verifyDocument(sample, vietnam.certificatePem), 1);
  console.log(`sign alone (envelope + encode + sign):     ${signRate.toFixed(0)} msg/s`);
  console.log(`verify alone (same message):               ${verifyRate.toFixed(0)} msg/s`);

  // Outbound against the simulator in a child process.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--simulator', JSON.stringify({ certificatePem: vietnam.certificatePem })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const partner = JSON.parse(first) as { url: string; certificatePem: string };
  try {
    const outbound = await rate(async () => {
      const xml = signDocument(envelope(), vietnam.privateKeyPem, vietnam.certificatePem);
      const response = await fetch(partner.url, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });
      const receipt = readReceipt(await response.text(), partner.certificatePem, schemas, LIMITS);
      if (receipt.deliveryStatus !== 'Delivered') throw new Error(`receipt ${receipt.deliveryStatus}`);
    }, CONCURRENCY);
    const ceiling = 1 / (1 / signRate + 1 / verifyRate);
    console.log(
      `outbound sign + send + verify receipt:     ${outbound.toFixed(0)} msg/s  (${pct(outbound, ceiling)} of sign+verify alone, ${ceiling.toFixed(0)} msg/s; the simulator verifies and signs in its own process)`,
    );
  } finally {
    child.kill('SIGTERM');
  }

  // Inbound through the real service.
  const vhost = createVhost();
  const thailand = createSelfSignedIdentity({
    country: 'TH',
    organisation: 'Thailand National Single Window',
    commonName: 'bench partner',
  });
  const service = await startService(
    loadConfig(
      {},
      {
        port: 0,
        storeFsync: 'memory',
        amqpUrl: vhost.url,
        adminToken: 'bench-admin-token-0123456789abcdef',
        logLevel: 'error',
        roles: ['api', 'relay', 'decisions', 'partner-gateway'],
      },
    ),
  );
  try {
    const admin = { authorization: 'Bearer bench-admin-token-0123456789abcdef', 'content-type': 'application/json' };
    const entry = (await (await fetch(`${service.url}/api/v1/admin/partners/TH`, { headers: admin })).json()) as Record<string, unknown>;
    await fetch(`${service.url}/api/v1/admin/partners/TH`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ ...entry, certificate: thailand.certificatePem }),
    });
    const outbox = new SimulatorOutbox('TH', 'asw', { country: 'VN', url: service.url }, thailand, profiles);
    const eFormD = fixture('inbound-certificate-of-origin-from-th');
    const inboundSample = outbox.buildDocument({ type: 'certificate-of-origin', data: eFormD }).xml;
    const verifyInbound = await rate(async () => void verifyDocument(inboundSample, thailand.certificatePem), 1);
    const receiptSign = await rate(
      async () =>
        void signDocument(
          `<Receipt xmlns="urn:single-window:partner-exchange:1"><ReceiptId>${randomBytes(8).toString('hex')}</ReceiptId></Receipt>`,
          vietnam.privateKeyPem,
          vietnam.certificatePem,
        ),
      1,
    );
    // Messages are signed before the clock starts: the partner's signing is not the service's cost.
    const expected = Math.ceil(verifyInbound * SECONDS);
    const prepared = Array.from({ length: expected }, () => outbox.buildDocument({ type: 'certificate-of-origin', data: eFormD }).xml);
    let next = 0;
    const inbound = await rate(async () => {
      const xml = prepared[next++ % prepared.length]!;
      const response = await fetch(`${service.url}/api/v1/partners/TH/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml' },
        body: xml,
      });
      await response.text();
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    }, CONCURRENCY);
    const ceiling = 1 / (1 / verifyInbound + 1 / receiptSign);
    console.log(`verify alone (inbound e-Form D):           ${verifyInbound.toFixed(0)} msg/s`);
    console.log(`sign alone (receipt):                      ${receiptSign.toFixed(0)} msg/s`);
    console.log(
      `inbound verify + store + receipt (HTTP):   ${inbound.toFixed(0)} msg/s  (${pct(inbound, ceiling)} of verify+sign alone, ${ceiling.toFixed(0)} msg/s; ${next > prepared.length ? 'some were duplicates' : 'all distinct messages'})`,
    );
  } finally {
    await service.stop();
    vhost.remove();
  }
  if (failures.size > 0)
    console.log(`failed operations (not counted): ${[...failures].map(([reason, count]) => `${reason} x${count}`).join(', ')}`);
}

/** Successful operations per second of `operation` run `concurrency` at a time for SECONDS; failures are counted apart. */
async function rate(operation: () => Promise<void>, concurrency: number): Promise<number> {
  const until = performance.now() + SECONDS * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        try {
          await operation();
          done += 1;
        } catch (error) {
          const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        }
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

function pct(value: number, ceiling: number): string {
  return `${((value / ceiling) * 100).toFixed(0)} %`;
}

/** A throwaway RabbitMQ vhost (rabbitmqctl, as the tests do), so the bench leaves no queues behind. */
function createVhost(): { url: string; remove: () => void } {
  const name = `sw-bench-partners-${process.pid}`;
  try {
    execFileSync('rabbitmqctl', ['-q', 'add_vhost', name]);
    execFileSync('rabbitmqctl', ['-q', 'set_permissions', '-p', name, 'guest', '.*', '.*', '.*']);
    return { url: `amqp://guest:guest@127.0.0.1:5672/${name}`, remove: () => execFileSync('rabbitmqctl', ['-q', 'delete_vhost', name]) };
  } catch {
    return { url: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672', remove: () => undefined };
  }
}
