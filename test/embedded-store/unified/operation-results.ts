import type { BulkWriteResult, UpdateResult } from 'mongodb';
import type { Doc } from './unified-format.js';

/** The CRUD spec's UpdateResult: upsertedId only when a document was upserted. */
export function updateResult(result: UpdateResult): Doc {
  return {
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    upsertedCount: result.upsertedCount,
    ...(result.upsertedId !== null && result.upsertedId !== undefined ? { upsertedId: result.upsertedId } : {}),
  };
}

export function bulkWriteResult(result: BulkWriteResult): Doc {
  return {
    insertedCount: result.insertedCount,
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    deletedCount: result.deletedCount,
    upsertedCount: result.upsertedCount,
    upsertedIds: { ...result.upsertedIds },
    insertedIds: { ...result.insertedIds },
  };
}
