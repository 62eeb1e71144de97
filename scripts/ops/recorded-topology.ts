import type { Channel } from 'amqplib';
import type { TopologyStep } from '../../src/platform/messaging/broker.js';

export interface TopologyNames {
  exchanges: string[];
  queues: string[];
}

/**
 * The exchanges and queues some topology steps declare, found by running them
 * against a channel that only writes the names down: the ops tools then know
 * exactly what the service declares, from the service's own code.
 */
export async function recordTopology(steps: TopologyStep[]): Promise<TopologyNames> {
  const exchanges = new Set<string>();
  const queues = new Set<string>();
  const recorder = {
    assertExchange: async (name: string) => {
      exchanges.add(name);
      return { exchange: name };
    },
    assertQueue: async (name: string) => {
      queues.add(name);
      return { queue: name, messageCount: 0, consumerCount: 0 };
    },
    bindQueue: async () => ({}),
    bindExchange: async () => ({}),
  };
  for (const step of steps) await step(recorder as unknown as Channel);
  return { exchanges: [...exchanges].sort(), queues: [...queues].sort() };
}
