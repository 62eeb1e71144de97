import type { Channel } from 'amqplib';
import type { TopologyStep } from '../platform/messaging/broker.js';
import { agencyQueue, deadLetterQueue, EXCHANGES, QUEUES, retryQueue } from './amqp-names.js';

export interface TopologyOptions {
  agencies: string[];
  retryDelaysMs: number[];
  recentEventsMax: number;
  /** Deliveries of one message before a quorum queue dead-letters it (a consumer crashing on it). */
  deliveryLimit: number;
}

const quorum = { 'x-queue-type': 'quorum' };
/** Dead letters are published with confirms inside the broker, so none is lost on the way to the DLQ. */
const safeDeadLettering = { 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' };

/**
 * A work queue with its dead-letter queue (`<queue>.dlq` unless named): both durable
 * quorum queues; the work queue dead-letters to `sw.dlx` with its own name as routing key.
 */
export async function declareWorkQueue(channel: Channel, queue: string, deliveryLimit: number, deadLetters = deadLetterQueue(queue)): Promise<void> {
  await channel.assertExchange(EXCHANGES.deadLetter, 'direct', { durable: true });
  await channel.assertQueue(deadLetters, { durable: true, arguments: { ...quorum } });
  await channel.bindQueue(deadLetters, EXCHANGES.deadLetter, queue);
  await channel.assertQueue(queue, {
    durable: true,
    arguments: { ...quorum, ...safeDeadLettering, 'x-dead-letter-exchange': EXCHANGES.deadLetter, 'x-dead-letter-routing-key': queue, 'x-delivery-limit': deliveryLimit },
  });
}

/**
 * Delayed retry without the delayed-message plugin: the message waits in
 * `sw.retry.<delay>` until its TTL expires, then is dead-lettered through the
 * default exchange with its original routing key, which names the queue it came from.
 */
export async function declareRetryQueue(channel: Channel, delayMs: number): Promise<void> {
  const name = retryQueue(delayMs);
  await channel.assertExchange(name, 'fanout', { durable: true });
  await channel.assertQueue(name, {
    durable: true,
    arguments: { ...quorum, ...safeDeadLettering, 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '' },
  });
  await channel.bindQueue(name, name, '');
}

/** The whole routing topology, idempotent: declared at start-up and after every reconnect. */
export function routingTopology(options: TopologyOptions): TopologyStep[] {
  return [
    async (channel) => {
      await channel.assertExchange(EXCHANGES.agency, 'direct', { durable: true });
      await channel.assertExchange(EXCHANGES.decisions, 'topic', { durable: true });
      await channel.assertExchange(EXCHANGES.events, 'topic', { durable: true });
      await channel.assertExchange(EXCHANGES.deadLetter, 'direct', { durable: true });
    },
    async (channel) => {
      for (const code of options.agencies) {
        await declareWorkQueue(channel, agencyQueue(code), options.deliveryLimit);
        await channel.bindQueue(agencyQueue(code), EXCHANGES.agency, code);
      }
    },
    async (channel) => {
      await declareWorkQueue(channel, QUEUES.decisionsIn, options.deliveryLimit, QUEUES.decisionsDeadLetter);
      await channel.bindQueue(QUEUES.decisionsIn, EXCHANGES.decisions, '#');
      // Status events are always routable, and operators can read the latest ones.
      await channel.assertQueue(QUEUES.recentEvents, {
        durable: true,
        arguments: { ...quorum, 'x-max-length': options.recentEventsMax, 'x-overflow': 'drop-head' },
      });
      await channel.bindQueue(QUEUES.recentEvents, EXCHANGES.events, '#');
    },
    async (channel) => {
      for (const delayMs of options.retryDelaysMs) await declareRetryQueue(channel, delayMs);
    },
  ];
}
