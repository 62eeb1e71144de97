import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { canReadStartTimes, processStartTime } from './process-start-time.js';

const run = promisify(execFile);

/** `sw-test-<pid>-<start time>-<random>`: the run's process, told apart from a later one given the same PID. */
const NAME = /^sw-test-(\d+)-(\d+)-[0-9a-f]+$/;
/** Names of runs from before the start time was recorded: only the PID to go by. */
const OLD_NAME = /^sw-test-(\d+)-[0-9a-f]+$/;

export interface TestVhost {
  name: string;
  url: string;
  remove(): Promise<void>;
}

/**
 * A fresh RabbitMQ vhost per test run, so no run sees another's or an earlier
 * run's messages. Created with rabbitmqctl (tests run as the machine's root).
 */
export async function createVhost(): Promise<TestVhost> {
  const name = `sw-test-${process.pid}-${processStartTime(process.pid) ?? '0'}-${randomBytes(4).toString('hex')}`;
  await run('rabbitmqctl', ['-q', 'add_vhost', name, '--description', `mocha run of process ${process.pid} (removed when it ends)`]);
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
 * Removes vhosts left by test runs whose process no longer runs (killed before
 * their after-hook and watchdog could act), so the broker does not accumulate them.
 */
export async function removeAbandonedVhosts(): Promise<string[]> {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_vhosts', 'name']);
  const abandoned = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => isAbandoned(name));
  for (const name of abandoned) await run('rabbitmqctl', ['-q', 'delete_vhost', name]).catch(() => undefined);
  return abandoned;
}

function isAbandoned(name: string): boolean {
  const current = NAME.exec(name);
  if (current) {
    const [, pid, startedAt] = current;
    // Without /proc the start time cannot be checked; a live PID is then given the benefit of the doubt.
    return canReadStartTimes() ? processStartTime(Number(pid)) !== startedAt : !isAlive(Number(pid));
  }
  const old = OLD_NAME.exec(name);
  return old !== null && !isAlive(Number(old[1]));
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
