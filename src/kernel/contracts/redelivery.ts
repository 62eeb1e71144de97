import { randomUUID } from 'node:crypto';
import type { ConsumeMessage } from 'amqplib';
import type { OutgoingMessage, Publisher } from './message.js';
import { EXCHANGES, HEADERS, retryQueue } from './amqp-names.js';

/** The delivered message again, with its contract properties, for another destination. */
function copyOf(message: ConsumeMessage, exchange: string, routingKey: string, headers: Record<string, unknown>): OutgoingMessage {
  const { properties } = message;
  const timestamp = typeof properties.timestamp === 'number' ? new Date(properties.timestamp * 1000) : undefined;
  return {
    exchange,
    routingKey,
    body: message.content,
    messageId: typeof properties.messageId === 'string' && properties.messageId ? properties.messageId : randomUUID(),
    ...(properties.correlationId ? { correlationId: String(properties.correlationId) } : {}),
    ...(properties.type ? { type: String(properties.type) } : {}),
    ...(properties.contentType ? { contentType: String(properties.contentType) } : {}),
    ...(timestamp ? { timestamp } : {}),
    headers: { ...stripDeathHeaders(properties.headers ?? {}), ...headers },
  };
}

// The broker's own bookkeeping headers describe the earlier hop, not this one.
function stripDeathHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([key]) =>
        !key.startsWith('x-death') && !key.startsWith('x-first-death') && !key.startsWith('x-last-death') && key !== 'x-delivery-count',
    ),
  );
}

/**
 * Sends a message that cannot be handled to the dead-letter queue of `queue`, with
 * the reason in its headers (`x-reason`, `x-error-code`), confirmed; the caller acks
 * the original afterwards, so a bad message never blocks its queue.
 */
export async function deadLetter(
  publisher: Publisher,
  queue: string,
  message: ConsumeMessage,
  code: string,
  reason: string,
): Promise<void> {
  await publisher.publish(
    copyOf(message, EXCHANGES.deadLetter, queue, {
      [HEADERS.reason]: reason.slice(0, 1000),
      [HEADERS.errorCode]: code,
      'x-original-exchange': message.fields.exchange,
      'x-original-routing-key': message.fields.routingKey,
    }),
  );
}

/** How many times the message has been retried already (0 for a first delivery). */
export function attemptOf(message: ConsumeMessage): number {
  const value = Number((message.properties.headers ?? {})[HEADERS.attempt] ?? 0);
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

/**
 * Puts the message back on `queue` after the next delay of `delaysMs` (through the
 * TTL queue `sw.retry.<delay>`), counting attempts in `x-attempt`; once the delays
 * are used up it goes to the dead-letter queue with the last error as reason.
 */
export async function retryLater(
  publisher: Publisher,
  queue: string,
  message: ConsumeMessage,
  delaysMs: readonly number[],
  error: Error,
): Promise<'retried' | 'dead-lettered'> {
  const attempt = attemptOf(message) + 1;
  const delay = delaysMs[attempt - 1];
  if (delay === undefined) {
    await deadLetter(publisher, queue, message, 'RETRIES_EXHAUSTED', `Gave up after ${attempt - 1} retries: ${error.message}`);
    return 'dead-lettered';
  }
  await publisher.publish(
    copyOf(message, retryQueue(delay), queue, { [HEADERS.attempt]: attempt, [HEADERS.reason]: error.message.slice(0, 1000) }),
  );
  return 'retried';
}
