import { randomUUID } from 'node:crypto';
import type { OutboxEntry } from './document-record.js';

/** What a feature asks to publish; the outbox adds the bookkeeping fields. */
export type OutboxMessage = Pick<OutboxEntry, 'exchange' | 'routingKey' | 'type' | 'contentType' | 'body' | 'headers'> & {
  messageId?: string;
};

/** A PENDING outbox entry, for the relay to publish. */
export function newOutboxEntry(message: OutboxMessage, now: Date): OutboxEntry {
  return {
    messageId: message.messageId ?? randomUUID(),
    exchange: message.exchange,
    routingKey: message.routingKey,
    type: message.type,
    contentType: message.contentType,
    body: message.body,
    ...(message.headers ? { headers: message.headers } : {}),
    createdAt: now,
    state: 'PENDING',
    attempts: 0,
  };
}
