import { BSON, type MongoClient } from 'mongodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CollectionData, Doc } from './unified-format.js';
import { isDocument } from './unified-values.js';
import { MatchError } from './unified-matcher.js';

const MAJORITY = { writeConcern: { w: 'majority' as const } };

/** initialData: each collection dropped, created (with its options), filled. */
export async function loadInitialData(internal: MongoClient, data: CollectionData[]): Promise<void> {
  for (const { databaseName, collectionName, createOptions, documents } of data) {
    const db = internal.db(databaseName);
    await db.dropCollection(collectionName, MAJORITY).catch(() => undefined);
    if (createOptions || documents.length === 0) await db.createCollection(collectionName, { ...createOptions, ...MAJORITY });
    if (documents.length > 0) await db.collection(collectionName).insertMany(documents, MAJORITY);
  }
}

/**
 * outcome: the collection holds exactly these documents, BSON types included, key order
 * aside (the format's matching rules do not apply here). An unacknowledged write (w: 0)
 * may still be on its way on another connection, so a mismatch is read again a few times.
 */
export async function assertOutcome(internal: MongoClient, outcome: CollectionData[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      for (const data of outcome) await assertCollectionData(internal, data);
      return;
    } catch (error) {
      if (!(error instanceof MatchError) || attempt === 10) throw error;
      await sleep(50);
    }
  }
}

async function assertCollectionData(internal: MongoClient, { databaseName, collectionName, documents }: CollectionData): Promise<void> {
  const actual = await internal
    .db(databaseName)
    .collection(collectionName)
    .find({}, { sort: { _id: 1 }, promoteValues: false, promoteLongs: false, readConcern: { level: 'local' } })
    .toArray();
  const expectedText = documents.map(canonical);
  const actualText = actual.map(canonical);
  if (expectedText.join('\n') !== actualText.join('\n')) {
    throw new MatchError(
      `outcome of ${databaseName}.${collectionName}: expected\n  ${expectedText.join('\n  ')}\ngot\n  ${actualText.join('\n  ')}`,
    );
  }
}

function canonical(doc: Doc): string {
  return BSON.EJSON.stringify(sortedKeys(doc), { relaxed: false });
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isDocument(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys(value[key])]),
  );
}
