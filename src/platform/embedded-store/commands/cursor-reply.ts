import type { Document } from 'bson';
import type { Batch } from '../cursors/cursor-registry.js';

/** The driver defaults: 101 documents in a first batch when the client does not say. */
export const DEFAULT_FIRST_BATCH = 101;

export function cursorReply(namespace: string, batch: Batch, first: boolean): Document {
  const documents = first ? { firstBatch: batch.documents } : { nextBatch: batch.documents };
  return { cursor: { ...documents, id: batch.cursorId, ns: namespace }, ok: 1 };
}
