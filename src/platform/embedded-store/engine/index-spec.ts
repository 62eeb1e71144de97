import { EJSON, type Document } from 'bson';
import { CommandError } from '../errors/command-error.js';

export interface IndexSpec {
  readonly v: 2;
  readonly key: Document;
  readonly name: string;
  readonly unique?: boolean;
  readonly sparse?: boolean;
  readonly partialFilterExpression?: Document;
  readonly expireAfterSeconds?: number;
}

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Options that change nothing observable here (build mode, legacy namespace) are accepted. */
const IGNORED_OPTIONS = new Set(['v', 'background', 'ns']);
const SUPPORTED_OPTIONS = new Set(['key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds']);

export function parseIndexSpec(raw: Document): IndexSpec {
  for (const option of Object.keys(raw)) {
    if (!SUPPORTED_OPTIONS.has(option) && !IGNORED_OPTIONS.has(option)) {
      throw new CommandError(67, `index option '${option}' is not supported by the embedded store`);
    }
  }
  const key: unknown = raw.key;
  if (typeof key !== 'object' || key === null || Array.isArray(key) || Object.keys(key).length === 0) {
    throw new CommandError(67, 'index key pattern must be a non-empty object');
  }
  for (const [field, direction] of Object.entries(key as Document)) {
    if (direction !== 1 && direction !== -1) {
      throw new CommandError(
        67,
        `index type ${EJSON.stringify(direction)} on '${field}' is not supported by the embedded store (only ascending/descending)`,
      );
    }
  }
  if (typeof raw.name !== 'string' || raw.name === '') throw new CommandError(9, "index specification must have a 'name' string");
  const spec: { -readonly [K in keyof IndexSpec]: IndexSpec[K] } = { v: 2, key: key as Document, name: raw.name };
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (raw.partialFilterExpression !== undefined) {
    if (typeof raw.partialFilterExpression !== 'object' || raw.partialFilterExpression === null) {
      throw new CommandError(67, 'partialFilterExpression must be an object');
    }
    spec.partialFilterExpression = raw.partialFilterExpression as Document;
  }
  if (raw.expireAfterSeconds !== undefined) {
    if (typeof raw.expireAfterSeconds !== 'number' || raw.expireAfterSeconds < 0) {
      throw new CommandError(67, 'expireAfterSeconds must be a non-negative number');
    }
    if (Object.keys(spec.key).length !== 1)
      throw new CommandError(67, 'TTL indexes are single-field indexes, compound indexes do not support TTL');
    spec.expireAfterSeconds = raw.expireAfterSeconds;
  }
  if (spec.name === '_id_' && !(Object.keys(spec.key).length === 1 && '_id' in spec.key)) {
    throw new CommandError(86, "the index name '_id_' is reserved for the _id index");
  }
  return spec;
}

export const sameKey = (a: IndexSpec, b: IndexSpec): boolean => EJSON.stringify(a.key) === EJSON.stringify(b.key);

export function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  const options = (spec: IndexSpec) =>
    EJSON.stringify({
      u: spec.unique ?? false,
      s: spec.sparse ?? false,
      p: spec.partialFilterExpression ?? null,
      t: spec.expireAfterSeconds ?? null,
    });
  return options(a) === options(b);
}
