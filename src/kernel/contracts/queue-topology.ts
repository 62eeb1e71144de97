import type { Channel } from 'amqplib';
import { deadLetterQueue, EXCHANGES, retryQueue } from './amqp-names.js';

export const QUORUM = { 'x-queue-type': 'quorum' };
/** Dead letters are published with confirms inside the broker, so none is lost on the way to the DLQ. */
const SAFE_DEAD_LETTERING = { 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' };

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
    arguments: { ...QUORUM, ...SAFE_DEAD_LETTERING, 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '' },
  });
  await channel.bindQueue(name, name, '');
}

/**
 * A work queue with its dead-letter queue (`<queue>.dlq` unless named): both durable
 * quorum queues; the work queue dead-letters to `sw.dlx` with its own name as routing key.
 */
export async function declareWorkQueue(
  channel: Channel,
  queue: string,
  deliveryLimit: number,
  deadLetters = deadLetterQueue(queue),
): Promise<void> {
  await channel.assertExchange(EXCHANGES.deadLetter, 'direct', { durable: true });
  await channel.assertQueue(deadLetters, { durable: true, arguments: { ...QUORUM } });
  await channel.bindQueue(deadLetters, EXCHANGES.deadLetter, queue);
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      ...QUORUM,
      ...SAFE_DEAD_LETTERING,
      'x-dead-letter-exchange': EXCHANGES.deadLetter,
      'x-dead-letter-routing-key': queue,
      'x-delivery-limit': deliveryLimit,
    },
  });
}
