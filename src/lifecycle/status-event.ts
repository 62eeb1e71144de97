import type { DocumentStatus, TradeDocument } from '../documents/document-record.js';
import { EXCHANGES } from '../routing/amqp-names.js';
import { newOutboxEntry } from '../outbox/outbox-entry.js';

/** Routing key of status events: the status exactly as the API shows it, e.g. `document.APPROVED`. */
export const statusRoutingKey = (status: DocumentStatus) => `document.${status}`;

export interface StatusChange {
  from: DocumentStatus | null;
  to: DocumentStatus;
  at: Date;
  actor: string;
  reason?: string;
}

/** The `document.<STATUS>` event on `sw.events` that every transition publishes through the outbox. */
export function statusEvent(document: Pick<TradeDocument, 'id' | 'reference' | 'type' | 'enterpriseId'>, change: StatusChange) {
  const body = {
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
    { exchange: EXCHANGES.events, routingKey: statusRoutingKey(change.to), type: 'document.status-changed', contentType: 'application/json', body: JSON.stringify(body) },
    change.at,
  );
}
