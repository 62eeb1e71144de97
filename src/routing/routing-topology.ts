import type { TopologyStep } from '../platform/messaging/broker.js';
import { agencyQueue, EXCHANGES, QUEUES } from '../kernel/contracts/amqp-names.js';
import { declareRetryQueue, declareWorkQueue, QUORUM } from '../kernel/contracts/queue-topology.js';

export interface TopologyOptions {
  agencies: string[];
  retryDelaysMs: number[];
  recentEventsMax: number;
  /** Deliveries of one message before a quorum queue dead-letters it (a consumer crashing on it). */
  deliveryLimit: number;
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
        arguments: { ...QUORUM, 'x-max-length': options.recentEventsMax, 'x-overflow': 'drop-head' },
      });
      await channel.bindQueue(QUEUES.recentEvents, EXCHANGES.events, '#');
    },
    async (channel) => {
      for (const delayMs of options.retryDelaysMs) await declareRetryQueue(channel, delayMs);
    },
  ];
}
