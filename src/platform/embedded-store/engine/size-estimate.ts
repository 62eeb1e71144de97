import { BSON } from 'bson';
import type { Collection } from './collection.js';

const SAMPLE = 100;

/**
 * Approximate data size from the average of the first documents: exact sizes would cost
 * a serialization of the whole collection for a statistic tools only display.
 */
export function estimateDataSize(collection: Collection): number {
  const count = collection.docs.size;
  if (count === 0) return 0;
  let sampled = 0;
  let bytes = 0;
  for (const doc of collection.docs.values()) {
    bytes += BSON.calculateObjectSize(doc);
    if (++sampled >= SAMPLE) break;
  }
  return Math.round((bytes / sampled) * count);
}
