import { BrokerHandshakeTimeoutError, BrokerUnreachableError } from './errors.js';
import { managementReport } from './management-report.js';
import { brokerAddress, probeTcp } from './tcp-probe.js';

/** Diagnosis probes must not make a fast failure slow. */
const PROBE_MS = 2000;

/**
 * The error to stop start-up with when no connection completed its handshake in
 * time: it says what the broker does now (refuses, accepts and stays silent, or
 * does not answer at all) and, for the silent case, the likely cause and how to
 * check it, with the management API's figures when RABBITMQ_MANAGEMENT_URL is set.
 */
export async function stalledHandshakeError(amqpUrl: string, timeoutMs: number, managementUrl: string): Promise<Error> {
  const probeMs = Math.min(PROBE_MS, timeoutMs);
  const tcp = await probeTcp(amqpUrl, probeMs);
  if (tcp.state === 'refused') return new BrokerUnreachableError(amqpUrl, tcp.error);
  const { host, port } = brokerAddress(amqpUrl);
  if (tcp.state === 'silent') {
    return new BrokerHandshakeTimeoutError(
      amqpUrl,
      timeoutMs,
      `Not even a TCP connection to ${host}:${port} completes now (none within ${probeMs} ms): the host is down or unreachable, or a firewall drops the packets.`,
    );
  }
  const cause =
    `It accepts TCP connections on ${host}:${port} but does not answer on them, which is what RabbitMQ does when it has used up its file descriptors or sockets ` +
    '(the kernel completes the connection, the broker never takes it).';
  const figures = managementUrl
    ? await managementReport(managementUrl, probeMs)
    : 'Check on the broker host with `rabbitmqctl status` (section "File Descriptors": total used against limit, sockets used against limit); ' +
      'set RABBITMQ_MANAGEMENT_URL to have this message report the figures.';
  const remedy =
    "Free descriptors by removing instances' topology nobody uses (`npm run broker:teardown -- --vhost <name>`) and abandoned vhosts, or raise the broker's limit (ulimit -n).";
  return new BrokerHandshakeTimeoutError(amqpUrl, timeoutMs, `${cause} ${figures} ${remedy}`);
}
