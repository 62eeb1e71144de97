import type { Document } from 'bson';
import type { Collection } from './collection.js';
import { encodeKeyValue, hasCanonicalKey, isBsonValue } from './index-keys.js';

/**
 * Picks the documents a filter can possibly match: by _id, else through the most selective
 * hash index with an equality on its fields, else the whole collection. The result is a
 * superset; the caller still tests every candidate with mingo.
 */
export function candidateDocuments(collection: Collection, filter: Document): Iterable<Document> {
  const equalities = equalityPredicates(filter);
  const ids = equalities.get('_id');
  if (ids) return documentsByIds(collection, ids, ids.length > 1);
  let best: { ids: Iterable<string>; size: number; distinct: boolean } | undefined;
  for (const index of collection.secondaryIndexes()) {
    const found = index.lookup(equalities);
    if (found && (!best || found.size < best.size)) best = found;
  }
  // A snapshot of the ids: a cursor read over several getMores must not follow the live bucket.
  if (best) return documentsByIds(collection, [...best.ids], !best.distinct);
  return collection.docs.values();
}

/**
 * A filter that is exactly {_id: <scalar>}: the hash lookup alone decides the match, since
 * two such values encode alike exactly when mingo finds them equal. This is the most
 * frequent query (findById, updates by id) and spares compiling a mingo query for it.
 */
export function isExactIdFilter(filter: Document): boolean {
  const keys = Object.keys(filter);
  return keys.length === 1 && keys[0] === '_id' && hasCanonicalKey(filter._id);
}

/** `mayRepeat`: the ids come from several buckets or the filter's own list, so one may come twice. */
function* documentsByIds(collection: Collection, ids: readonly string[], mayRepeat: boolean): Generator<Document> {
  const seen = mayRepeat ? new Set<string>() : undefined;
  for (const id of ids) {
    if (seen) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    const doc = collection.docs.get(id);
    if (doc) yield doc;
  }
}

/**
 * Field -> encoded values for the filter's conjunctive equality predicates ({f: v},
 * {f: {$eq: v}}, {f: {$in: [...]}} at top level or inside $and). Values that match more
 * than themselves under MongoDB rules (null, arrays, documents, regexes) are left out.
 */
function equalityPredicates(filter: Document, into = new Map<string, string[]>()): Map<string, string[]> {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainClause(clause)) equalityPredicates(clause as Document, into);
      continue;
    }
    if (field.startsWith('$') || into.has(field)) continue;
    const values = equalityValues(condition);
    if (values) into.set(field, values.map(encodeKeyValue));
  }
  return into;
}

function isPlainClause(clause: unknown): boolean {
  return typeof clause === 'object' && clause !== null && !Array.isArray(clause);
}

function equalityValues(condition: unknown): unknown[] | undefined {
  if (hasCanonicalKey(condition)) return [condition];
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition) || isBsonValue(condition)) return undefined;
  const operators = condition as Document;
  const keys = Object.keys(operators);
  if (keys.length === 0 || !keys.every((key) => key.startsWith('$'))) return undefined;
  if ('$eq' in operators) return hasCanonicalKey(operators.$eq) ? [operators.$eq] : undefined;
  if (Array.isArray(operators.$in) && operators.$in.every(hasCanonicalKey)) return operators.$in as unknown[];
  return undefined;
}
