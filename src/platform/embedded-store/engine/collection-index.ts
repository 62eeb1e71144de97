import type { Document } from 'bson';
import { Query } from 'mingo';
import { CommandError } from '../errors/command-error.js';
import { formatDuplicateKey } from './format-duplicate-key.js';
import { addToBucket, bucketSize, idsIn, removeFromBucket, type IdBucket } from './id-buckets.js';
import { encodeKeyValue, indexKeysOf, joinKeyParts, missingKey, type IndexKey } from './index-keys.js';
import type { IndexSpec } from './index-spec.js';
import { MINGO_OPTIONS } from './mingo-options.js';

/** Largest number of exact compound keys an `$in` on several fields may expand to before we scan instead. */
const MAX_LOOKUP_KEYS = 1000;

/**
 * A secondary index: a hash map from canonical key to document ids. It serves equality
 * lookups and unique constraints; range queries and sorts are answered by scanning.
 */
export class CollectionIndex {
  readonly fieldNames: string[];
  private readonly fields: string[][];
  private readonly entries = new Map<string, IdBucket>();
  /** Compound indexes also answer equality on their first field alone (e.g. a tenant id). */
  private readonly byFirstField: Map<string, IdBucket> | undefined;
  private readonly partial: Query | undefined;
  /** The top-level fields the keys depend on; undefined when a partial filter's operators hide them. */
  private readonly sources: string[] | undefined;

  constructor(readonly spec: IndexSpec) {
    this.fieldNames = Object.keys(spec.key);
    this.fields = this.fieldNames.map((name) => name.split('.'));
    this.byFirstField = this.fields.length > 1 ? new Map() : undefined;
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression, MINGO_OPTIONS) : undefined;
    const filterFields = Object.keys(spec.partialFilterExpression ?? {});
    this.sources = filterFields.some((field) => field.startsWith('$'))
      ? undefined
      : [...new Set([...this.fields, ...filterFields.map((field) => field.split('.'))].map((parts) => parts[0]!))];
  }

  /**
   * True when `next` holds the very same values as `previous` under every field the keys
   * depend on. Updates copy only what they change, so an update of other fields leaves
   * this index alone without computing its keys.
   */
  unchangedBetween(previous: Document, next: Document): boolean {
    return this.sources !== undefined && this.sources.every((field) => previous[field] === next[field]);
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  /** Keys the document contributes; none when a sparse or partial index leaves it out. */
  keysOf(document: Document): IndexKey[] {
    if (this.partial && !this.partial.test(document)) return [];
    const keys = indexKeysOf(document, this.fields);
    if (keys === undefined) return this.spec.sparse ? [] : [missingKey(this.fields.length)];
    return keys;
  }

  /** The first key another document already holds, for unique indexes. */
  findConflict(id: string, keys: readonly IndexKey[]): IndexKey | undefined {
    if (!this.unique) return undefined;
    for (const key of keys) {
      for (const holder of idsIn(this.entries.get(key.encoded))) if (holder !== id) return key;
    }
    return undefined;
  }

  add(id: string, keys: readonly IndexKey[]): void {
    for (const key of keys) {
      addToBucket(this.entries, key.encoded, id);
      if (this.byFirstField) addToBucket(this.byFirstField, encodeKeyValue(key.values[0]), id);
    }
  }

  remove(id: string, keys: readonly IndexKey[]): void {
    for (const key of keys) {
      removeFromBucket(this.entries, key.encoded, id);
      if (this.byFirstField) removeFromBucket(this.byFirstField, encodeKeyValue(key.values[0]), id);
    }
  }

  clear(): void {
    this.entries.clear();
    this.byFirstField?.clear();
  }

  /**
   * Ids of documents that may match the given equality predicates (field -> encoded
   * candidate values), or undefined when this index cannot narrow the search.
   */
  lookup(equalities: ReadonlyMap<string, readonly string[]>): { ids: Iterable<string>; size: number; distinct: boolean } | undefined {
    if (this.partial) return undefined;
    const perField = this.fieldNames.map((name) => equalities.get(name));
    if (perField.every((values) => values !== undefined)) {
      const keys = combine(perField as string[][]);
      if (keys !== undefined) return collect(keys.map((key) => this.entries.get(key)));
    }
    const first = perField[0];
    if (first && this.byFirstField) return collect(first.map((value) => this.byFirstField!.get(value)));
    return undefined;
  }

  duplicateKeyError(namespace: string, key: IndexKey): CommandError {
    const keyValue: Document = {};
    this.fieldNames.forEach((name, i) => (keyValue[name] = key.values[i] ?? null));
    const message = `E11000 duplicate key error collection: ${namespace} index: ${this.spec.name} dup key: ${formatDuplicateKey(keyValue)}`;
    return new CommandError(11000, message, { keyPattern: this.spec.key, keyValue });
  }
}

function combine(perField: string[][]): string[] | undefined {
  let keys: string[][] = [[]];
  for (const values of perField) {
    keys = keys.flatMap((key) => values.map((value) => [...key, value]));
    if (keys.length > MAX_LOOKUP_KEYS) return undefined;
  }
  return keys.map(joinKeyParts);
}

/** `distinct`: one bucket holds an id once; a document may sit in several buckets of a multikey index. */
function collect(buckets: (IdBucket | undefined)[]): { ids: Iterable<string>; size: number; distinct: boolean } {
  const size = buckets.reduce((total, bucket) => total + bucketSize(bucket), 0);
  return {
    ids: (function* () {
      for (const bucket of buckets) yield* idsIn(bucket);
    })(),
    size,
    distinct: buckets.length === 1,
  };
}
