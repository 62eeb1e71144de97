import type { DocumentType } from './document-types.js';

export const DOCUMENT_STATUSES = ['SUBMITTED', 'ROUTED', 'IN_REVIEW', 'NEEDS_INFO', 'APPROVED', 'REJECTED'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Routing key of status events on `sw.events`: the status exactly as the API shows it, e.g. `document.APPROVED`. */
export const statusRoutingKey = (status: DocumentStatus) => `document.${status}`;

/** The AMQP `type` property of a status event. */
export const STATUS_EVENT_TYPE = 'document.status-changed';

/** The body of a `document.<STATUS>` event. */
export interface StatusEventBody {
  documentId: string;
  reference: string;
  type: DocumentType;
  enterpriseId: string;
  from: DocumentStatus | null;
  status: DocumentStatus;
  at: string;
  actor: string;
  reason?: string;
}
