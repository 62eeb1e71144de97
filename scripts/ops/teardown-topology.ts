import amqp, { type ChannelModel } from 'amqplib';
import { stalledHandshakeError } from '../../src/platform/messaging/stalled-handshake.js';
import type { TopologyNames } from './recorded-topology.js';

export interface TeardownOptions {
  /** Delete queues that still hold messages (they are lost). */
  discardMessages: boolean;
  /** Report what would be deleted, delete nothing. */
  dryRun: boolean;
  connectTimeoutMs: number;
  /** RABBITMQ_MANAGEMENT_URL, to report the broker's descriptors if the handshake stalls. */
  managementUrl: string;
}

export interface TeardownReport {
  queues: string[];
  exchanges: string[];
  /** Named but not on the broker. */
  absent: string[];
  /** Why nothing was deleted. */
  refused?: string;
}

interface QueueState {
  name: string;
  messages: number;
  consumers: number;
}

/**
 * Deletes the named queues, then exchanges, from the vhost of `url`, or nothing
 * when a queue is still consumed (the instance or a connector runs) or holds
 * messages (unless `discardMessages`). Quorum queues refuse an if-empty delete,
 * so emptiness is checked first; run it against a stopped instance.
 */
export async function teardownTopology(url: string, names: TopologyNames, options: TeardownOptions): Promise<TeardownReport> {
  // amqplib's socket timeout stays on until the handshake completes: a stalled broker fails this instead of hanging it.
  const connection = await amqp.connect(url, { timeout: options.connectTimeoutMs }).catch(async (error: Error) => {
    throw error.message === 'connect ETIMEDOUT' ? await stalledHandshakeError(url, options.connectTimeoutMs, options.managementUrl) : error;
  });
  try {
    const states = await Promise.all(names.queues.map((name) => inspectQueue(connection, name)));
    const present = states.filter((state): state is QueueState => state !== undefined);
    const exchanges = (
      await Promise.all(names.exchanges.map(async (name) => ((await exchangeExists(connection, name)) ? name : undefined)))
    ).filter((name): name is string => name !== undefined);
    const absent = [
      ...names.queues.filter((name) => !present.some((state) => state.name === name)),
      ...names.exchanges.filter((name) => !exchanges.includes(name)),
    ];
    const report: TeardownReport = { queues: present.map((state) => state.name), exchanges, absent };

    const consumed = present.filter((state) => state.consumers > 0);
    if (consumed.length > 0) {
      return {
        ...report,
        refused: `queues still consumed (stop the instance and its connectors first): ${consumed.map((s) => `${s.name} (${s.consumers} consumers)`).join(', ')}`,
      };
    }
    const holding = present.filter((state) => state.messages > 0);
    if (holding.length > 0 && !options.discardMessages) {
      return {
        ...report,
        refused: `queues hold messages (pass --discard-messages to delete them anyway): ${holding.map((s) => `${s.name} (${s.messages})`).join(', ')}`,
      };
    }
    if (options.dryRun) return report;

    const channel = await connection.createChannel();
    for (const state of present) await channel.deleteQueue(state.name);
    for (const name of exchanges) await channel.deleteExchange(name);
    await channel.close();
    return report;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** A passive declare; a missing queue closes its channel (404), hence a channel per look. */
async function inspectQueue(connection: ChannelModel, name: string): Promise<QueueState | undefined> {
  const channel = await connection.createChannel();
  channel.on('error', () => undefined);
  try {
    const { messageCount, consumerCount } = await channel.checkQueue(name);
    return { name, messages: messageCount, consumers: consumerCount };
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  } finally {
    await channel.close().catch(() => undefined);
  }
}

async function exchangeExists(connection: ChannelModel, name: string): Promise<boolean> {
  const channel = await connection.createChannel();
  channel.on('error', () => undefined);
  try {
    await channel.checkExchange(name);
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return false;
    throw error;
  } finally {
    await channel.close().catch(() => undefined);
  }
}
