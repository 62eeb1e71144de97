import { expect } from 'chai';
import amqp from 'amqplib';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { instanceTopology } from '../../scripts/ops/instance-topology.js';
import { recordTopology, type TopologyNames } from '../../scripts/ops/recorded-topology.js';
import { loadConfig } from '../../src/platform/config/config.js';
import type { RunningService } from '../../src/service.js';
import { createVhost, type TestVhost } from '../support/rabbitmq-vhost.js';
import { startTestService } from '../support/test-service.js';

const run = promisify(execFile);

/** What rabbitmqctl lists in the vhost, the broker's own exchanges (amq.*, the default) left out. */
async function listed(vhost: string): Promise<TopologyNames> {
  const names = async (what: string) =>
    (await run('rabbitmqctl', ['-q', '--no-table-headers', what, '-p', vhost, 'name'])).stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((name) => name !== '' && !name.startsWith('amq.'))
      .sort();
  return { exchanges: await names('list_exchanges'), queues: await names('list_queues') };
}

/**
 * A small instance: one partner, one retry delay. Its queues hold file descriptors
 * on a broker other runs share, so this test keeps them few; the default
 * configuration's figure is counted by the same recorder the broker check proves exact.
 */
let smallSettings: Record<string, string>;

function teardown(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ops/broker-teardown.ts', ...args], {
      env: { ...process.env, ...smallSettings, AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('broker footprint and teardown (npm run broker:teardown)', function () {
  this.timeout(90_000);
  let vhost: TestVhost;
  let dir: string;
  let expected: TopologyNames;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sw-teardown-'));
    const seed = JSON.parse(await readFile('schemas/partners/partner-directory.json', 'utf8')) as {
      version: string;
      partners: { country: string; retryPolicy: object }[];
    };
    const thailand = {
      ...seed.partners.find((partner) => partner.country === 'TH')!,
      retryPolicy: { maxAttempts: 2, initialDelayMs: 5000, maxDelayMs: 5000, multiplier: 1 },
    };
    await writeFile(path.join(dir, 'partners.json'), JSON.stringify({ version: seed.version, partners: [thailand] }));
    smallSettings = { PARTNER_DIRECTORY_FILE: path.join(dir, 'partners.json'), RETRY_DELAYS_MS: '1000' };
    expected = await recordTopology(await instanceTopology(loadConfig(smallSettings)));
    // A vhost of its own: the run's vhost holds other tests' queues too.
    vhost = await createVhost();
  });
  after(async () => {
    await vhost?.remove();
    await rm(dir, { recursive: true, force: true });
  });

  describe('while the instance runs', () => {
    let service: RunningService | undefined;
    before(async () => {
      const { partnerDirectoryFile, retryDelaysMs } = loadConfig(smallSettings);
      service = await startTestService({ amqpUrl: vhost.url, partnerDirectoryFile, retryDelaysMs });
    });
    after(() => service?.stop());

    it('refuses to touch it: its queues have consumers', async () => {
      const { code, output } = await teardown('--vhost', vhost.name);
      expect(code, output).to.equal(1);
      expect(output).to.contain('Nothing deleted').and.to.contain('queues still consumed').and.to.contain('sw.decisions.in (1 consumers)');
    });
  });

  describe('once it has stopped', () => {
    it('knows every exchange and queue the service declared', async () => {
      expect(expected.queues).to.include.members(['sw.agency.CUSTOMS', 'sw.partner.TH.out', 'sw.retry.5s']);
      expect(await listed(vhost.name)).to.deep.equal(expected);
    });

    it('states in the README what the default configuration declares', async () => {
      const standard = await recordTopology(await instanceTopology(loadConfig({})));
      const readme = await readFile('README.md', 'utf8');
      expect(readme).to.contain(`**${standard.queues.length} durable quorum queues and ${standard.exchanges.length} exchanges**`);
    });

    it('refuses the default vhost unless told so explicitly, and a missing --vhost', async () => {
      const slash = await teardown('--vhost', '/');
      expect(slash.code).to.equal(1);
      expect(slash.output).to.contain('Refusing to tear down the default vhost "/"').and.to.contain('--allow-default-vhost');
      const none = await teardown();
      expect(none.code).to.equal(2);
      expect(none.output).to.contain('--vhost is required');
    });

    it('keeps queues that hold messages unless --discard-messages is given', async () => {
      const connection = await amqp.connect(vhost.url);
      const channel = await connection.createConfirmChannel();
      channel.sendToQueue('sw.agency.CUSTOMS', Buffer.from('{}'), { persistent: true });
      await channel.waitForConfirms();
      await connection.close();

      const kept = await teardown('--vhost', vhost.name);
      expect(kept.code, kept.output).to.equal(1);
      expect(kept.output).to.contain('queues hold messages').and.to.contain('sw.agency.CUSTOMS (1)');
      expect(await listed(vhost.name)).to.deep.equal(expected);
    });

    it("removes the instance's whole topology from its vhost", async () => {
      const { code, output } = await teardown('--vhost', vhost.name, '--discard-messages');
      expect(code, output).to.equal(0);
      expect(output).to.contain(
        `Removed ${expected.queues.length} queues and ${expected.exchanges.length} exchanges from vhost "${vhost.name}"`,
      );
      expect(await listed(vhost.name)).to.deep.equal({ exchanges: [], queues: [] });
    });
  });
});
