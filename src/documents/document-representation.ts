import { routingView } from '../routing/routing-view.js';
import type { TradeDocument } from '../kernel/document-record.js';
import type { DocumentSummary } from './document-store.js';

export const documentPath = (id: string) => `/api/v1/documents/${id}`;

/** The 202 answer to a submission. */
export function acceptedRepresentation(document: TradeDocument) {
  return {
    id: document.id,
    reference: document.reference,
    type: document.type,
    status: document.status,
    submittedAt: document.submittedAt.toISOString(),
    links: { self: documentPath(document.id) },
  };
}

export function summaryRepresentation(summary: DocumentSummary) {
  return {
    id: summary.id,
    reference: summary.reference,
    type: summary.type,
    schemaVersion: summary.schemaVersion,
    status: summary.status,
    sourceFormat: summary.sourceFormat,
    submittedAt: summary.submittedAt.toISOString(),
    updatedAt: summary.updatedAt.toISOString(),
    links: { self: documentPath(summary.id) },
  };
}

/**
 * What the owner sees of a document: its status story, where it is with the agencies
 * (the same view as GET .../routing, so one read answers both), and its data exactly
 * as submitted; never the outbox.
 */
export function documentRepresentation(document: TradeDocument) {
  return {
    ...summaryRepresentation(document),
    origin: document.origin,
    history: document.history.map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() })),
    routing: routingView(document) ?? null,
    data: document.data,
  };
}
