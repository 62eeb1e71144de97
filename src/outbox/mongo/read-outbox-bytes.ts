import { BSON, BSONError, BSONType } from 'bson';
import type { StoredOutboxEntry } from './stored-outbox-entry.js';

/** An outbox entry as the relay publishes it: its fields, and its body as bytes. */
interface RelayedEntry {
  entry: Omit<StoredOutboxEntry, 'body'>;
  body: Buffer;
}

/** A document as the claim reads it: `{ _id, outbox }`. */
interface OutboxOfDocument {
  documentId: string;
  entries: RelayedEntry[];
}

/**
 * Reads `{ _id, outbox }` straight from a document's BSON (the driver's `raw` result).
 * Each entry's fields are decoded, but its body stays the bytes stored: a view that is
 * published as it is, where a full decode would turn every body into a string only for
 * the relay to encode it back. The walk knows the few element types an outbox holds;
 * a document or entry holding any other (written by other means) is decoded in full.
 *
 * BSON: a document is an int32 byte length, its elements, and a NUL; an element is a
 * type byte, a NUL-terminated name, and a value whose size follows from its type.
 */
export function readOutboxBytes(bytes: Buffer): OutboxOfDocument {
  let documentId: string | undefined;
  let entries: RelayedEntry[] = [];
  const end = bytes.readInt32LE(0) - 1;
  for (let at = 4; at < end;) {
    const type = bytes[at]!;
    const nameEnd = cstringEnd(bytes, at + 1);
    const name = knownName(bytes, at + 1, nameEnd);
    const value = nameEnd + 1;
    if (name === '_id' && type === BSONType.string) documentId = stringAt(bytes, value);
    else if (name === 'outbox' && type === BSONType.array) {
      const read = readEntries(bytes, value);
      if (!read) return decodeInFull(bytes);
      entries = read;
    } else if (name === '_id' || name === 'outbox' || !SIZED.has(type)) return decodeInFull(bytes);
    at = value + sizeOf(bytes, type, value);
  }
  return documentId === undefined ? decodeInFull(bytes) : { documentId, entries };
}

/** The entries of the array at `offset`, or undefined if one is not a document. */
function readEntries(bytes: Buffer, offset: number): RelayedEntry[] | undefined {
  const entries: RelayedEntry[] = [];
  const end = offset + bytes.readInt32LE(offset) - 1;
  for (let at = offset + 4; at < end;) {
    const type = bytes[at]!;
    // An array's names are its indexes: skipped, not read.
    const value = cstringEnd(bytes, at + 1) + 1;
    if (type !== BSONType.object) return undefined;
    const length = bytes.readInt32LE(value);
    entries.push(readEntry(bytes, value, length));
    at = value + length;
  }
  return entries;
}

function readEntry(bytes: Buffer, offset: number, length: number): RelayedEntry {
  const entry: Partial<Omit<StoredOutboxEntry, 'body'>> & Record<string, unknown> = {};
  let body: Buffer | undefined;
  const end = offset + length - 1;
  for (let at = offset + 4; at < end;) {
    const type = bytes[at]!;
    if (!SIZED.has(type) || type === BSONType.array) return entryInFull(bytes, offset, length);
    const nameEnd = cstringEnd(bytes, at + 1);
    const value = nameEnd + 1;
    const size = sizeOf(bytes, type, value);
    const name = knownName(bytes, at + 1, nameEnd) ?? bytes.toString('utf8', at + 1, nameEnd);
    if (name === '__proto__') return entryInFull(bytes, offset, length);
    // Each known field is set by name: every entry then builds the same object shape.
    if (type === BSONType.string) {
      if (name === 'body') body = bytes.subarray(value + 4, value + size - 1);
      else if (name === 'messageId') entry.messageId = stringAt(bytes, value);
      else if (name === 'exchange') entry.exchange = stringAt(bytes, value);
      else if (name === 'routingKey') entry.routingKey = stringAt(bytes, value);
      else if (name === 'type') entry.type = stringAt(bytes, value);
      else if (name === 'contentType') entry.contentType = stringAt(bytes, value);
      else if (name === 'state') entry.state = stringAt(bytes, value) as StoredOutboxEntry['state'];
      else entry[name] = stringAt(bytes, value);
    } else if (name === 'headers' && type === BSONType.object)
      entry.headers = stringFieldsAt(bytes, value, size) ?? (valueAt(bytes, type, value, size) as Record<string, unknown>);
    else if (name === 'createdAt' && type === BSONType.date) entry.createdAt = dateAt(bytes, value);
    else if (name === 'leaseUntil' && type === BSONType.date) entry.leaseUntil = dateAt(bytes, value);
    else entry[name] = valueAt(bytes, type, value, size);
    at = value + size;
  }
  return body === undefined ? entryInFull(bytes, offset, length) : { entry: entry as Omit<StoredOutboxEntry, 'body'>, body };
}

/** The element types an outbox holds, which this walk sizes and decodes itself. */
const SIZED = new Set<number>([
  BSONType.string,
  BSONType.date,
  BSONType.int,
  BSONType.long,
  BSONType.double,
  BSONType.object,
  BSONType.array,
]);

/** A value's size in bytes; a string, document or array shorter than BSON allows is refused, so every walk moves on. */
function sizeOf(bytes: Buffer, type: number, offset: number): number {
  switch (type) {
    case BSONType.string:
      return 4 + atLeast(bytes.readInt32LE(offset), 1);
    case BSONType.object:
    case BSONType.array:
      return atLeast(bytes.readInt32LE(offset), 5);
    case BSONType.int:
      return 4;
    default:
      // date, long, double
      return 8;
  }
}

function atLeast(size: number, minimum: number): number {
  if (size < minimum) throw new BSONError(`corrupt BSON: a value of ${size} bytes`);
  return size;
}

function valueAt(bytes: Buffer, type: number, offset: number, size: number): unknown {
  switch (type) {
    case BSONType.string:
      return stringAt(bytes, offset);
    case BSONType.date:
      return dateAt(bytes, offset);
    case BSONType.int:
      return bytes.readInt32LE(offset);
    case BSONType.long:
      return Number(bytes.readBigInt64LE(offset));
    case BSONType.double:
      return bytes.readDoubleLE(offset);
    default:
      // object: a small one (headers); the rest of its walk would gain nothing.
      return BSON.deserialize(bytes.subarray(offset, offset + size));
  }
}

/**
 * A document whose fields are all strings (an entry's headers, as the features write
 * them), read without a full decode; undefined for any other, and for a field named
 * `__proto__`, which only a full decode keeps a plain field.
 */
function stringFieldsAt(bytes: Buffer, offset: number, length: number): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  const end = offset + length - 1;
  for (let at = offset + 4; at < end;) {
    if (bytes[at] !== BSONType.string) return undefined;
    const nameEnd = cstringEnd(bytes, at + 1);
    const name = bytes.toString('utf8', at + 1, nameEnd);
    if (name === '__proto__') return undefined;
    fields[name] = stringAt(bytes, nameEnd + 1);
    at = nameEnd + 1 + sizeOf(bytes, BSONType.string, nameEnd + 1);
  }
  return fields;
}

/** The names outbox documents and entries hold, by length, as bytes and as strings. */
const KNOWN_NAMES = new Map<number, [Buffer, string][]>();
for (const name of [
  '_id',
  'outbox',
  'messageId',
  'exchange',
  'routingKey',
  'type',
  'contentType',
  'body',
  'headers',
  'createdAt',
  'state',
  'attempts',
  'leaseUntil',
  'sentAt',
  'lastError',
]) {
  const bytes = Buffer.from(name, 'utf8');
  KNOWN_NAMES.set(bytes.length, [...(KNOWN_NAMES.get(bytes.length) ?? []), [bytes, name]]);
}

/** The offset of the NUL that ends the C string at `offset`. */
function cstringEnd(bytes: Buffer, offset: number): number {
  let end = offset;
  while (end < bytes.length && bytes[end] !== 0) end++;
  if (end === bytes.length) throw new BSONError('corrupt BSON: a field name without its end');
  return end;
}

/** The name between `offset` and `end` when it is one of KNOWN_NAMES, recognised by its bytes: cheaper than decoding a string per field. */
function knownName(bytes: Buffer, offset: number, end: number): string | undefined {
  const length = end - offset;
  known: for (const [raw, name] of KNOWN_NAMES.get(length) ?? []) {
    for (let i = 0; i < length; i++) if (bytes[offset + i] !== raw[i]) continue known;
    return name;
  }
  return undefined;
}

/** A BSON date: int64 milliseconds, read as its signed high word and unsigned low one. */
function dateAt(bytes: Buffer, offset: number): Date {
  return new Date(bytes.readInt32LE(offset + 4) * 2 ** 32 + bytes.readUInt32LE(offset));
}

/** A BSON string: int32 byte length (with the trailing NUL), the UTF-8 bytes, NUL. */
function stringAt(bytes: Buffer, offset: number): string {
  return bytes.toString('utf8', offset + 4, offset + 4 + bytes.readInt32LE(offset) - 1);
}

function decodeInFull(bytes: Buffer): OutboxOfDocument {
  const { _id, outbox } = BSON.deserialize(bytes) as { _id: unknown; outbox?: StoredOutboxEntry[] };
  return { documentId: String(_id), entries: (outbox ?? []).map(fromEntry) };
}

function entryInFull(bytes: Buffer, offset: number, length: number): RelayedEntry {
  return fromEntry(BSON.deserialize(bytes.subarray(offset, offset + length)) as StoredOutboxEntry);
}

/** An entry held as a document: its body (a string) encoded as UTF-8. */
function fromEntry({ body, ...entry }: StoredOutboxEntry): RelayedEntry {
  return { entry, body: Buffer.from(String(body ?? ''), 'utf8') };
}
