import { EJSON, type Document } from 'bson';
import { CommandError } from '../errors/command-error.js';

/** Stands for an empty array at an indexed path, which MongoDB indexes as its own key. */
export const EMPTY_ARRAY = Symbol('emptyArray');

interface BsonValue {
  readonly _bsontype: string;
}

export function isBsonValue(value: unknown): value is BsonValue {
  return typeof value === 'object' && value !== null && typeof (value as Partial<BsonValue>)._bsontype === 'string';
}

/**
 * Whether every value MongoDB holds equal to this one has this one's key: strings,
 * booleans, numbers other than NaN, dates, ObjectIds and Longs (a Long and the number
 * it equals share a key). Not null (it also matches a missing field), and not
 * Decimal128, whose key is its text (1.0 and 1.00 differ). Only for such values may an
 * equality be answered by a key lookup.
 */
export function hasCanonicalKey(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return !Number.isNaN(value);
    case 'object':
      return value instanceof Date || (isBsonValue(value) && (value._bsontype === 'ObjectId' || value._bsontype === 'Long'));
    default:
      return false;
  }
}

/**
 * Canonical string for a value, used as a hash-map key by the _id map and the indexes.
 * Values that MongoDB treats as equal must encode the same (1 and 1.0 are one JS number);
 * values of different BSON types must not (the ObjectId and the string of its hex differ).
 */
export function encodeKeyValue(value: unknown): string {
  if (value === null || value === undefined) return 'n';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? 'd0' : `d${value}`;
    case 'string':
      return `s${value}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
    case 'bigint':
      return `d${value}`;
    case 'symbol':
      return value === EMPTY_ARRAY ? 'e' : 'n';
  }
  if (value instanceof Date) return `t${value.getTime()}`;
  if (isBsonValue(value)) return encodeBsonValue(value);
  // Embedded documents compare field by field in order, as MongoDB does.
  return `j${EJSON.stringify(value as Document, { relaxed: false })}`;
}

function encodeBsonValue(value: BsonValue): string {
  const typed = value as unknown as { id: Uint8Array; toString(encoding?: string): string; sub_type: number };
  switch (value._bsontype) {
    case 'ObjectId': {
      // `id` is a getter that builds a new buffer on each read: read it once.
      const bytes = typed.id;
      // 12 bytes as a one-byte-per-char string: half the memory of the hex form.
      return `o${Buffer.from(bytes.buffer, bytes.byteOffset, 12).toString('latin1')}`;
    }
    case 'Long':
    case 'Int32':
    case 'Double':
      return `d${typed.toString()}`;
    case 'Decimal128':
      return `m${typed.toString()}`;
    case 'Binary':
      return `x${typed.sub_type}:${typed.toString('base64')}`;
    default:
      return `j${EJSON.stringify({ v: value }, { relaxed: false })}`;
  }
}

/** Values reached by a dotted path, fanning out through arrays as a multikey index does. */
export function valuesAtPath(document: unknown, parts: readonly string[]): unknown[] {
  const found: unknown[] = [];
  collect(document, parts, 0, found);
  return found;
}

function collect(value: unknown, parts: readonly string[], depth: number, found: unknown[]): void {
  if (value === undefined) return;
  if (depth === parts.length) {
    if (!Array.isArray(value)) found.push(value);
    else if (value.length === 0) found.push(EMPTY_ARRAY);
    else for (const element of value) found.push(element);
    return;
  }
  const part = parts[depth]!;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) collect(value[Number(part)], parts, depth + 1, found);
    for (const element of value) {
      if (isPlainObject(element)) collect(element, parts, depth, found);
    }
    return;
  }
  if (isPlainObject(value) && Object.hasOwn(value, part)) collect(value[part], parts, depth + 1, found);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !isBsonValue(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp) &&
    !ArrayBuffer.isView(value)
  );
}

export interface IndexKey {
  /** Canonical encoding of the whole (possibly compound) key. */
  readonly encoded: string;
  /** One value per indexed field, for duplicate key messages. */
  readonly values: readonly unknown[];
}

/**
 * Every key a document contributes to an index over `fields` (more than one when a field
 * holds an array). Returns undefined when every field is missing, which sparse indexes skip.
 */
export function indexKeysOf(document: Document, fields: readonly (readonly string[])[]): IndexKey[] | undefined {
  let anyPresent = false;
  const perField = fields.map((parts) => {
    const values = valuesAtPath(document, parts);
    if (values.length > 0) anyPresent = true;
    return values.length === 0 ? [null] : dedupe(values);
  });
  if (!anyPresent) return undefined;
  if (perField.filter((values) => values.length > 1).length > 1) {
    throw new CommandError(171, 'cannot index parallel arrays');
  }
  let keys: { parts: string[]; values: unknown[] }[] = [{ parts: [], values: [] }];
  for (const values of perField) {
    keys = keys.flatMap((key) => values.map((value) => ({ parts: [...key.parts, encodeKeyValue(value)], values: [...key.values, value] })));
  }
  return keys.map((key) => ({ encoded: joinKeyParts(key.parts), values: key.values }));
}

/** The key of a document lacking every indexed field: nulls, as MongoDB indexes it. */
export function missingKey(fieldCount: number): IndexKey {
  const values = Array.from({ length: fieldCount }, () => null);
  return { encoded: joinKeyParts(values.map(() => encodeKeyValue(null))), values };
}

/** Length-prefixed so that no string value can forge a boundary between compound parts. */
export function joinKeyParts(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0]! : parts.map((part) => `${part.length}:${part}`).join('');
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const seen = new Map<string, unknown>();
  for (const value of values) {
    const encoded = encodeKeyValue(value);
    if (!seen.has(encoded)) seen.set(encoded, value);
  }
  return [...seen.values()];
}
