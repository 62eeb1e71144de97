import type { TopologyStep } from '../../platform/messaging/broker.js';
import { declareRetryQueue, declareWorkQueue } from '../../kernel/contracts/queue-topology.js';
import { partnerQueue } from '../../kernel/contracts/amqp-names.js';
import { retryDelayMs, type Partner } from '../directory/partner.js';

/**
 * `sw.partner.<CC>.out` for each partner: a durable quorum work queue with its
 * dead-letter queue `sw.partner.<CC>.out.dlq` (the routing feature's work-queue
 * shape), plus the TTL retry queues `sw.retry.<delay>` its retry policy needs.
 */
export function partnerTopology(partners: Partner[], deliveryLimit: number): TopologyStep {
  return async (channel) => {
    for (const partner of partners) {
      await declareWorkQueue(channel, partnerQueue(partner.country), deliveryLimit);
      for (const delayMs of retryDelays(partner)) await declareRetryQueue(channel, delayMs);
    }
  };
}

function retryDelays(partner: Partner): number[] {
  const delays = new Set<number>();
  for (let attempt = 1; attempt < partner.retryPolicy.maxAttempts; attempt += 1) delays.add(retryDelayMs(partner.retryPolicy, attempt));
  return [...delays];
}
