import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';

const run = promisify(execFile);

/** How long the suite waits for a handshake before refusing to start; a healthy local broker answers in milliseconds. */
export const PREFLIGHT_HANDSHAKE_MS = 5000;

export interface BrokerResources {
  fdUsed: number;
  fdLimit: number;
  socketsUsed: number;
  socketsLimit: number;
  alarms: string[];
}

/** The broker's file descriptors, sockets and alarms, as `rabbitmqctl status` reports them. */
export async function brokerResources(): Promise<BrokerResources> {
  let stdout: string;
  try {
    ({ stdout } = await run('rabbitmqctl', ['-q', 'status', '--formatter', 'json'], { timeout: 30_000 }));
  } catch (error) {
    throw new Error(`The test suite needs RabbitMQ on this machine, and \`rabbitmqctl status\` failed: ${(error as Error).message.trim()}. Start it with \`rabbitmq-server -detached\`.`, { cause: error });
  }
  const status = JSON.parse(stdout) as { file_descriptors?: Record<string, number>; alarms?: unknown[] };
  const fd = status.file_descriptors ?? {};
  return {
    fdUsed: fd.total_used ?? 0,
    fdLimit: fd.total_limit ?? Infinity,
    socketsUsed: fd.sockets_used ?? 0,
    socketsLimit: fd.sockets_limit ?? Infinity,
    alarms: (status.alarms ?? []).map((alarm) => JSON.stringify(alarm)),
  };
}

export function describeResources(r: BrokerResources): string {
  return `file descriptors ${r.fdUsed}/${r.fdLimit} used, sockets ${r.socketsUsed}/${r.socketsLimit} used${r.alarms.length ? `, alarms ${r.alarms.join(' ')}` : ''}`;
}

/**
 * Free descriptors a run wants: its vhost's quorum queues, the connections of the
 * services and probes it starts, with room to spare. A tenth of the limit on big brokers.
 */
export function requiredHeadroom(limit: number): number {
  return Math.max(64, Math.ceil(limit / 10));
}

/** The reason not to start the suite on this broker, or undefined when it has room. */
export function shortage(r: BrokerResources): string | undefined {
  const problems: string[] = [];
  if (r.fdLimit - r.fdUsed < requiredHeadroom(r.fdLimit)) problems.push(`fewer than ${requiredHeadroom(r.fdLimit)} file descriptors free`);
  if (r.socketsLimit - r.socketsUsed < requiredHeadroom(r.socketsLimit)) problems.push(`fewer than ${requiredHeadroom(r.socketsLimit)} sockets free`);
  if (r.alarms.length > 0) problems.push('a resource alarm is raised (publishers are blocked)');
  if (problems.length === 0) return undefined;
  return (
    `The test suite will not start: RabbitMQ is near its limits (${problems.join('; ')}): \`rabbitmqctl status\` reports ${describeResources(r)}. ` +
    'New connections would complete TCP and then hang. Remove vhosts and instance topology nobody uses (`rabbitmqctl list_vhosts`, `rabbitmqctl delete_vhost <name>`, `npm run broker:teardown -- --vhost <name>`) or raise the limit (ulimit -n for rabbitmq-server).'
  );
}

/** Resolves once an AMQP handshake with `url` completes, or rejects after `ms` with a message naming the broker's state. */
export async function checkHandshake(url: string, ms: number, resources: BrokerResources): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  // amqplib's socket timeout ends a stalled attempt's socket; the timer bounds the wait as a whole.
  const connecting = amqp.connect(url, { timeout: ms });
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no AMQP handshake within ${ms} ms`)), ms);
  });
  try {
    const connection = await Promise.race([connecting, expired]);
    await connection.close();
  } catch (error) {
    // A connection that completes after the deadline is closed, not leaked.
    connecting.then((late) => late.close(), () => undefined).catch(() => undefined);
    const reason = (error as Error).message;
    const stalled = reason === 'connect ETIMEDOUT' || reason.startsWith('no AMQP handshake');
    throw new Error(
      `The test suite will not start: RabbitMQ did not complete an AMQP handshake with ${url.replace(/\/\/[^@/]*@/, '//')} (${reason}); ` +
        `\`rabbitmqctl status\` reported ${describeResources(resources)}. ` +
        (stalled ? "A broker out of descriptors accepts TCP and then never answers; check `rabbitmqctl status` and the broker's log." : 'Is RabbitMQ listening on 127.0.0.1:5672 with guest/guest?'),
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
