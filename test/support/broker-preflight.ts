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
    throw new Error(
      `The test suite needs RabbitMQ on this machine, and \`rabbitmqctl status\` failed: ${(error as Error).message.trim()}. Start it with \`rabbitmq-server -detached\`.`,
      { cause: error },
    );
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
 * Descriptors an idle quorum queue holds open on RabbitMQ 3.10 (its Raft log and
 * metadata files): measured with `rabbitmqctl status` before and after one
 * instance's 78 queues were declared on a fresh vhost, 236 more.
 */
const DESCRIPTORS_PER_QUORUM_QUEUE = 3;
/** The run's vhost holds one instance's topology; the teardown test's vhost, while it lasts, a small one (under half). */
const INSTANCES_PER_RUN = 1.5;
/** Connections of the services and probes a run has open at once, and room to spare. */
const CONNECTION_ROOM = 64;

/** What a run needs free: `queues` is one instance's queue count (scripts/ops/instance-topology.ts). */
export function runNeeds(queues: number): { descriptors: number; sockets: number } {
  return { descriptors: Math.ceil(INSTANCES_PER_RUN * queues) * DESCRIPTORS_PER_QUORUM_QUEUE + CONNECTION_ROOM, sockets: CONNECTION_ROOM };
}

/** The reason not to start the suite on this broker, or undefined when it has room for what the run needs. */
export function shortage(r: BrokerResources, needs: { descriptors: number; sockets: number }): string | undefined {
  const problems: string[] = [];
  const freeDescriptors = r.fdLimit - r.fdUsed;
  const freeSockets = r.socketsLimit - r.socketsUsed;
  if (freeDescriptors < needs.descriptors)
    problems.push(`${freeDescriptors} file descriptors free, a run needs about ${needs.descriptors}`);
  if (freeSockets < needs.sockets) problems.push(`${freeSockets} sockets free, a run needs about ${needs.sockets}`);
  if (r.alarms.length > 0) problems.push('a resource alarm is raised (publishers are blocked)');
  if (problems.length === 0) return undefined;
  return (
    `The test suite will not start: RabbitMQ is near its limits (${problems.join('; ')}): \`rabbitmqctl status\` reports ${describeResources(r)}. ` +
    'Started anyway, new connections would complete TCP and then hang. Remove vhosts and instance topology nobody uses (`rabbitmqctl list_vhosts`, `rabbitmqctl delete_vhost <name>`, `npm run broker:teardown -- --vhost <name>`), wait for other runs to finish, or raise the limit (ulimit -n for rabbitmq-server).'
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
    connecting
      .then(
        (late) => late.close(),
        () => undefined,
      )
      .catch(() => undefined);
    const reason = (error as Error).message;
    const stalled = reason === 'connect ETIMEDOUT' || reason.startsWith('no AMQP handshake');
    throw new Error(
      `The test suite will not start: RabbitMQ did not complete an AMQP handshake with ${url.replace(/\/\/[^@/]*@/, '//')} (${reason}); ` +
        `\`rabbitmqctl status\` reported ${describeResources(resources)}. ` +
        (stalled
          ? "A broker out of descriptors accepts TCP and then never answers; check `rabbitmqctl status` and the broker's log."
          : 'Is RabbitMQ listening on 127.0.0.1:5672 with guest/guest?'),
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
