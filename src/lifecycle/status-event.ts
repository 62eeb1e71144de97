import type { DocumentStatus, TradeDocument } from '../kernel/document-record.js';
import { EXCHANGES } from '../kernel/contracts/amqp-names.js';
import { STATUS_EVENT_TYPE, statusRoutingKey, type StatusEventBody } from '../kernel/contracts/status-event.js';
import { newOutboxEntry } from '../kernel/outbox-entry.js';

export interface StatusChange {
  from: DocumentStatus | null;
  to: DocumentStatus;
  at: Date;
  actor: string;
  reason?: string;
}

/** The `document.<STATUS>` event on `sw.events` that every transition publishes through the outbox. */
export function statusEvent(document: Pick<TradeDocument, 'id' | 'reference' | 'type' | 'enterpriseId'>, change: StatusChange) {
  const body: StatusEventBody = {
    documentId: document.id,
    reference: document.reference,
    type: document.type,
    enterpriseId: document.enterpriseId,
    from: change.from,
    status: change.to,
    at: change.at.toISOString(),
    actor: change.actor,
    ...(change.reason ? { reason: change.reason } : {}),
  };
  return newOutboxEntry(
    {
      exchange: EXCHANGES.events,
      routingKey: statusRoutingKey(change.to),
      type: STATUS_EVENT_TYPE,
      contentType: 'application/json',
      body: JSON.stringify(body),
    },
    change.at,
  );
}
