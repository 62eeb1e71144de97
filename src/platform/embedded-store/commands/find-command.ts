import type { Document } from 'bson';
import type { Cursor } from 'mingo/cursor';
import { CommandError } from '../errors/command-error.js';
import { compileFilter, matchingDocuments } from '../engine/document-query.js';
import { withMingo } from '../engine/mingo-errors.js';
import { candidateDocuments } from '../engine/query-planner.js';
import { booleanArg, collectionArg, documentArg, namespaceOf, numberArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';
import { cursorReply, DEFAULT_FIRST_BATCH } from './cursor-reply.js';

export const findCommand: CommandDefinition = {
  fields: [
    'filter',
    'projection',
    'sort',
    'skip',
    'limit',
    'batchSize',
    'singleBatch',
    'hint',
    'noCursorTimeout',
    'allowDiskUse',
    'allowPartialResults',
  ],
  run(command, db, { catalog, cursors }) {
    const name = collectionArg(command);
    const filter = documentArg(command, 'filter') ?? {};
    const sort = documentArg(command, 'sort');
    const skip = nonNegative(command, 'skip');
    let limit = numberArg(command, 'limit', 0);
    let singleBatch = booleanArg(command, 'singleBatch');
    // Legacy negative limit: "return this many, in a single batch".
    if (limit < 0) [limit, singleBatch] = [-limit, true];
    const batchSize = nonNegative(command, 'batchSize', DEFAULT_FIRST_BATCH);
    const collection = catalog.getCollection(db, name);
    const projection = documentArg(command, 'projection') ?? {};
    const firstBatchSize = limit > 0 && (batchSize === 0 || limit < batchSize) ? limit : batchSize;
    const namespace = namespaceOf(db, name);
    let results: Iterator<Document>;
    const include = Object.keys(projection).length === 0 ? (doc: Document) => doc : topLevelInclusion(projection);
    if (!sort && skip === 0 && include) {
      results = map(matchingDocuments(collection, filter), include);
      if (limit > 0) results = take(results, limit);
    } else {
      const source = collection ? candidateDocuments(collection, filter) : [];
      const cursor = withMingo(() => compileFilter(filter, Object.keys(projection).length > 0).find<Document>(source, projection));
      if (sort) cursor.sort(checkSort(sort));
      if (skip > 0) cursor.skip(skip);
      if (limit > 0) cursor.limit(limit);
      results = iterate(cursor);
    }
    return cursorReply(namespace, cursors.open(namespace, results, firstBatchSize, singleBatch), true);
  },
};

/** mingo evaluates lazily, so its errors surface while a batch is taken: map them there too. */
export function* iterate(cursor: Cursor<Document>): Generator<Document> {
  while (withMingo(() => cursor.hasNext())) yield withMingo(() => cursor.next());
}

/**
 * A projection that only names top-level fields to keep ({_id: 1}, {state: 1, _id: 0}),
 * applied without mingo: _id unless excluded, then the named fields in the document's order.
 */
function topLevelInclusion(projection: Document): ((doc: Document) => Document) | undefined {
  const fields = new Set<string>();
  let withId = true;
  for (const [field, value] of Object.entries(projection)) {
    if (field === '_id' && (value === 0 || value === false)) withId = false;
    else if (value === 1 || value === true) {
      if (field.includes('.') || field.startsWith('$') || field === '__proto__') return undefined;
      fields.add(field);
    } else return undefined;
  }
  if (fields.size === 0 && !withId) return undefined;
  if (withId) fields.add('_id');
  return (doc) => {
    const projected: Document = {};
    for (const field of Object.keys(doc)) if (fields.has(field)) projected[field] = doc[field];
    return projected;
  };
}

function* map(source: Iterator<Document>, project: (doc: Document) => Document): Generator<Document> {
  for (let next = source.next(); !next.done; next = source.next()) yield project(next.value);
}

function* take(source: Iterator<Document>, limit: number): Generator<Document> {
  for (let taken = 0; taken < limit; taken++) {
    const next = source.next();
    if (next.done) return;
    yield next.value;
  }
}

export function checkSort(sort: Document): Record<string, 1 | -1> {
  for (const [field, direction] of Object.entries(sort)) {
    if (direction !== 1 && direction !== -1) {
      throw new CommandError(15975, `$sort key ordering must be 1 (for ascending) or -1 (for descending); '${field}' is not`);
    }
  }
  return sort as Record<string, 1 | -1>;
}

function nonNegative(command: Document, field: string, fallback = 0): number {
  const value = numberArg(command, field, fallback);
  if (value < 0) throw new CommandError(51024, `BSON field '${field}' value must be >= 0, actual value '${value}'`);
  return value;
}
