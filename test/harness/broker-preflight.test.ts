import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkHandshake, runNeeds, shortage, type BrokerResources } from '../support/broker-preflight.js';
import { startSilentTcpServer } from '../support/silent-tcp-server.js';

const roomy: BrokerResources = { fdUsed: 40, fdLimit: 927, socketsUsed: 3, socketsLimit: 832, alarms: [] };

/** Runs mocha with its root hooks on a trivial spec, with `rabbitmqctl` replaced by a script answering `status` with `status`. */
async function runSuiteAgainst(status: object): Promise<{ code: number | null; output: string }> {
  const bin = await mkdtemp(path.join(os.tmpdir(), 'sw-fake-rabbitmqctl-'));
  try {
    await writeFile(
      path.join(bin, 'rabbitmqctl'),
      `#!/bin/sh\ncase "$*" in\n  *status*) echo '${JSON.stringify(status)}' ;;\n  *list_vhosts*) echo / ;;\n  *) echo "unexpected: $*" >&2; exit 1 ;;\nesac\n`,
    );
    await chmod(path.join(bin, 'rabbitmqctl'), 0o755);
    const child = spawn(process.execPath, ['node_modules/mocha/bin/mocha.js', 'test/harness/fixtures/trivial.fixture.ts'], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, output };
  } finally {
    await rm(bin, { recursive: true, force: true });
  }
}

describe('broker check before the test suite starts', function () {
  this.timeout(60_000);

  it('refuses to start, naming the figures, when the broker has too few file descriptors free for a run', async () => {
    const { code, output } = await runSuiteAgainst({
      file_descriptors: { total_used: 600, total_limit: 927, sockets_used: 10, sockets_limit: 832 },
      alarms: [],
    });
    expect(code).to.not.equal(0);
    expect(output)
      .to.contain('The test suite will not start: RabbitMQ is near its limits (327 file descriptors free, a run needs about')
      .and.to.contain('`rabbitmqctl status` reports file descriptors 600/927 used, sockets 10/832 used')
      .and.not.to.contain('1 passing');
  });

  it('counts what a run declares, names sockets and alarms too, and lets a broker with room through', () => {
    const needs = runNeeds(78);
    expect(needs.descriptors).to.equal(117 * 3 + 64);
    expect(shortage(roomy, needs)).to.equal(undefined);
    expect(shortage({ ...roomy, fdUsed: 927 - needs.descriptors + 1 }, needs)).to.contain(`${needs.descriptors - 1} file descriptors free`);
    expect(shortage({ ...roomy, socketsUsed: 800 }, needs)).to.contain('32 sockets free, a run needs about 64');
    expect(shortage({ ...roomy, alarms: ['{"disk_free_alarm":"rabbit@localhost"}'] }, needs)).to.contain('a resource alarm is raised');
  });

  it('refuses a broker that accepts TCP but does not complete the handshake, with its figures', async () => {
    const silent = await startSilentTcpServer();
    try {
      const failure = await checkHandshake(`amqp://guest:guest@127.0.0.1:${silent.port}/sw-test`, 300, roomy).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure?.message)
        .to.contain(`did not complete an AMQP handshake with amqp://127.0.0.1:${silent.port}/sw-test`)
        .and.to.contain('file descriptors 40/927 used')
        .and.to.contain('accepts TCP and then never answers');
    } finally {
      await silent.close();
    }
  });
});
