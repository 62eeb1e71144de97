import { BSON, BSONType, onDemand } from 'bson';
import type { OutboxEntry } from '../documents/document-record.js';

/** An outbox entry as the relay publishes it: its fields, and its body as bytes. */
export interface RelayedEntry {
  entry: Omit<OutboxEntry, 'body'>;
  body: Buffer;
}

/** A document as the claim reads it: `{ _id, outbox }`. */
export interface OutboxOfDocument {
  documentId: string;
  entries: RelayedEntry[];
}

/**
 * Reads `{ _id, outbox }` straight from a document's BSON (the driver's `raw` result).
 * Each entry's fields are decoded, but its body stays the bytes stored: a view that is
 * published as it is, where a full decode would turn every body into a string only for
 * the relay to encode it back. Anything of a type this reader does not expect (a
 * document written by other means) is decoded in full instead.
 */
export function readOutboxBytes(bytes: Buffer): OutboxOfDocument {
  let documentId: string | undefined;
  let entries: RelayedEntry[] = [];
  for (const [type, nameOffset, nameLength, offset] of onDemand.parseToElements(bytes)) {
    const name = nameAt(bytes, nameOffset, nameLength);
    if (name === '_id' && type === BSONType.string) documentId = stringAt(bytes, offset);
    else if (name === 'outbox' && type === BSONType.array) {
      const read = readEntries(bytes, offset);
      if (!read) return decodeInFull(bytes);
      entries = read;
    } else if (name === '_id' || name === 'outbox') return decodeInFull(bytes);
  }
  return documentId === undefined ? decodeInFull(bytes) : { documentId, entries };
}

function readEntries(bytes: Buffer, arrayOffset: number): RelayedEntry[] | undefined {
  const entries: RelayedEntry[] = [];
  for (const [type, , , offset, length] of onDemand.parseToElements(bytes, arrayOffset)) {
    if (type !== BSONType.object) return undefined;
    entries.push(readEntry(bytes.subarray(offset, offset + length)));
  }
  return entries;
}

function readEntry(bytes: Buffer): RelayedEntry {
  const entry: Record<string, unknown> = {};
  let body: Buffer | undefined;
  for (const [type, nameOffset, nameLength, offset, length] of onDemand.parseToElements(bytes)) {
    const name = nameAt(bytes, nameOffset, nameLength);
    if (name === 'body' && type === BSONType.string) {
      body = bytes.subarray(offset + 4, offset + length - 1);
      continue;
    }
    const value = scalarAt(bytes, type, offset, length);
    if (value === undefined) return entryInFull(bytes);
    entry[name] = value;
  }
  return body === undefined ? entryInFull(bytes) : { entry: entry as unknown as Omit<OutboxEntry, 'body'>, body };
}

/** The values an outbox entry holds; undefined for any other type. */
function scalarAt(bytes: Buffer, type: number, offset: number, length: number): unknown {
  switch (type) {
    case BSONType.string:
      return stringAt(bytes, offset);
    case BSONType.date:
      // int64 milliseconds: the signed high word and the unsigned low one.
      return new Date(bytes.readInt32LE(offset + 4) * 2 ** 32 + bytes.readUInt32LE(offset));
    case BSONType.int:
      return bytes.readInt32LE(offset);
    case BSONType.long:
      return Number(bytes.readBigInt64LE(offset));
    case BSONType.double:
      return bytes.readDoubleLE(offset);
    case BSONType.object:
      return BSON.deserialize(bytes.subarray(offset, offset + length));
    default:
      return undefined;
  }
}

/** The names the documents and entries hold, by length, as bytes and as strings. */
const KNOWN_NAMES = new Map<number, [Buffer, string][]>();
for (const name of ['_id', 'outbox', 'messageId', 'exchange', 'routingKey', 'type', 'contentType', 'body', 'headers', 'createdAt', 'state', 'attempts', 'leaseUntil', 'leaseOwner', 'sentAt', 'lastError']) {
  const bytes = Buffer.from(name, 'utf8');
  KNOWN_NAMES.set(bytes.length, [...(KNOWN_NAMES.get(bytes.length) ?? []), [bytes, name]]);
}

/** A field's name: a known one is recognised by its bytes, cheaper than decoding a string per field. */
function nameAt(bytes: Buffer, offset: number, length: number): string {
  known: for (const [raw, name] of KNOWN_NAMES.get(length) ?? []) {
    for (let i = 0; i < length; i++) if (bytes[offset + i] !== raw[i]) continue known;
    return name;
  }
  return bytes.toString('utf8', offset, offset + length);
}

/** A BSON string: int32 byte length (with the trailing NUL), the UTF-8 bytes, NUL. */
function stringAt(bytes: Buffer, offset: number): string {
  return bytes.toString('utf8', offset + 4, offset + 4 + bytes.readInt32LE(offset) - 1);
}

function decodeInFull(bytes: Buffer): OutboxOfDocument {
  const { _id, outbox } = BSON.deserialize(bytes) as { _id: unknown; outbox?: OutboxEntry[] };
  return { documentId: String(_id), entries: (outbox ?? []).map(fromEntry) };
}

function entryInFull(bytes: Buffer): RelayedEntry {
  return fromEntry(BSON.deserialize(bytes) as OutboxEntry);
}

/** An entry held as a document: its body (a string) encoded as UTF-8. */
export function fromEntry({ body, ...entry }: OutboxEntry): RelayedEntry {
  return { entry, body: Buffer.from(String(body ?? ''), 'utf8') };
}
