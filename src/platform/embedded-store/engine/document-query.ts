import type { Document } from 'bson';
import { Query } from 'mingo';
import type { Collection } from './collection.js';
import { withMingo } from './mingo-errors.js';
import { COPYING_MINGO_OPTIONS, MINGO_OPTIONS } from './mingo-options.js';
import { candidateDocuments, isExactIdFilter } from './query-planner.js';
import { compileMatcher } from './simple-filter.js';

/** `copyInput` when the query will also project: mingo's projection may edit the documents it is given. */
export function compileFilter(filter: Document, copyInput = false): Query {
  return withMingo(() => new Query(filter, copyInput ? COPYING_MINGO_OPTIONS : MINGO_OPTIONS));
}

/** Lazily yields the stored documents matching the filter, in natural order. */
export function* matchingDocuments(collection: Collection | undefined, filter: Document): Generator<Document> {
  if (!collection) return;
  if (isExactIdFilter(filter)) {
    yield* candidateDocuments(collection, filter);
    return;
  }
  const matches = compileMatcher(filter);
  for (const doc of candidateDocuments(collection, filter)) {
    if (matches(doc)) yield doc;
  }
}

/** Snapshot of the matches, for writes that must not see their own effects while iterating. */
export function matchingList(collection: Collection | undefined, filter: Document, limit = Infinity): Document[] {
  const found: Document[] = [];
  if (limit <= 0) return found;
  for (const doc of matchingDocuments(collection, filter)) {
    found.push(doc);
    if (found.length >= limit) break;
  }
  return found;
}
