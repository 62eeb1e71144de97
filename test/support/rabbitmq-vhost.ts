import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A fresh RabbitMQ vhost per test run, so no run sees another's or an earlier
 * run's messages. Created with rabbitmqctl (tests run as the machine's root).
 */
export async function createVhost(): Promise<{ name: string; url: string; remove(): Promise<void> }> {
  const name = `sw-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  await run('rabbitmqctl', ['-q', 'add_vhost', name]);
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', name, 'guest', '.*', '.*', '.*']);
  return {
    name,
    url: `amqp://guest:guest@127.0.0.1:5672/${encodeURIComponent(name)}`,
    remove: async () => {
      await run('rabbitmqctl', ['-q', 'delete_vhost', name]);
    },
  };
}

/**
 * Removes vhosts left by test runs that were killed before their after-hook ran
 * (their process no longer exists), so the broker does not accumulate them.
 */
export async function removeAbandonedVhosts(): Promise<void> {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_vhosts', 'name']);
  for (const name of stdout.split('\n').map((line) => line.trim())) {
    const pid = /^sw-test-(\d+)-[0-9a-f]+$/.exec(name)?.[1];
    if (pid && !isAlive(Number(pid))) await run('rabbitmqctl', ['-q', 'delete_vhost', name]).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The vhost URL of this test run, set by test/support/root-hooks.ts. */
export function requireTestAmqpUrl(): string {
  const url = process.env.TEST_AMQP_URL;
  if (!url) throw new Error('TEST_AMQP_URL is set by test/support/root-hooks.ts');
  return url;
}
