import { expect } from 'chai';
import amqp from 'amqplib';
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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

function teardown(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ops/broker-teardown.ts', ...args], {
      env: { ...process.env, AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672' },
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
  let expected: TopologyNames;

  before(async () => {
    // A vhost of its own: the run's vhost holds other tests' queues too.
    vhost = await createVhost();
    expected = await recordTopology(await instanceTopology(loadConfig({})));
  });
  after(() => vhost?.remove());

  describe('while the instance runs', () => {
    let service: RunningService | undefined;
    before(async () => {
      service = await startTestService({ amqpUrl: vhost.url });
    });
    after(() => service?.stop());

    it('refuses to touch it: its queues have consumers', async () => {
      const { code, output } = await teardown('--vhost', vhost.name);
      expect(code, output).to.equal(1);
      expect(output).to.contain('Nothing deleted').and.to.contain('queues still consumed').and.to.contain('sw.decisions.in (1 consumers)');
    });
  });

  describe('once it has stopped', () => {
    it('knows every exchange and queue the service declared, and the README states their number', async () => {
      const onBroker = await listed(vhost.name);
      expect(onBroker).to.deep.equal(expected);
      const readme = await readFile('README.md', 'utf8');
      expect(readme).to.contain(`**${expected.queues.length} durable quorum queues and ${expected.exchanges.length} exchanges**`);
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
      expect(output).to.contain(`Removed ${expected.queues.length} queues and ${expected.exchanges.length} exchanges from vhost "${vhost.name}"`);
      expect(await listed(vhost.name)).to.deep.equal({ exchanges: [], queues: [] });
    });
  });
});
