import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import { promisify } from 'node:util';
import { processStartTime } from '../support/process-start-time.js';
import { removeAbandonedVhosts } from '../support/rabbitmq-vhost.js';

const run = promisify(execFile);

async function vhosts(): Promise<string[]> {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_vhosts', 'name']);
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`never happened: ${what}; vhosts: ${(await vhosts()).join(', ')}`);
}

/** Starts a process that creates and guards a vhost the way the root hooks do; resolves with it once the vhost exists. */
async function startHolder() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/harness/fixtures/vhost-holder.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await until('the holder to create its vhost', async () => output.includes('\n'));
  } catch (error) {
    // Its guard removes whatever vhost it got as far as creating.
    child.kill('SIGTERM');
    throw error;
  }
  return { child, vhost: output.trim() };
}

describe("the test run's vhost", function () {
  this.timeout(60_000);

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`is removed when its process is killed with ${signal}`, async () => {
      const { child, vhost } = await startHolder();
      expect(await vhosts()).to.include(vhost);
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      child.kill(signal);
      const [code] = await exited;
      // SIGINT and SIGTERM are caught: the process removes the vhost and exits with 128 + the signal's number.
      if (signal !== 'SIGKILL') expect(code).to.equal(128 + os.constants.signals[signal]);
      await until(`${vhost} to be removed`, async () => !(await vhosts()).includes(vhost));
    });
  }

  it('is swept when abandoned, even when a live process has been given its PID since', async () => {
    const startedAt = processStartTime(process.pid)!;
    const reused = `sw-test-${process.pid}-${Number(startedAt) - 1}-0badc0de`;
    const live = `sw-test-${process.pid}-${startedAt}-0000beef`;
    for (const name of [reused, live]) await run('rabbitmqctl', ['-q', 'add_vhost', name]);
    try {
      const removed = await removeAbandonedVhosts();
      expect(removed).to.include(reused).and.not.include(live);
      expect(await vhosts())
        .to.include(live)
        .and.not.include(reused);
    } finally {
      for (const name of [reused, live]) await run('rabbitmqctl', ['-q', 'delete_vhost', name]).catch(() => undefined);
    }
  });
});
