import type { Document } from 'bson';

/**
 * The BSON a document arrived as, by the object decoded from it. Stored documents are
 * never mutated (a write replaces the object), so the bytes an inserted document came
 * in stay its bytes until a write replaces it, and a read sends them as they are
 * instead of serializing the object again: MongoDB too sends a document as stored.
 *
 * A weak map: an entry lives as long as its object, so a document replaced, deleted or
 * never stored (a refused insert) takes its bytes with it. The bytes are the document's
 * own copy, not a view of the message it came in, so a long-lived document never keeps
 * a whole socket read alive.
 */
const encodings = new WeakMap<Document, Uint8Array | PickedEncoding>();

/** The BSON of `doc`, if it is known: the bytes it was decoded from, or the elements it was picked from. */
export function encodingOf(doc: Document): Uint8Array | PickedEncoding | undefined {
  return encodings.get(doc);
}

/** The bytes `doc` was decoded from, if they are known. */
export function bytesOf(doc: Document): Uint8Array | undefined {
  const encoding = encodings.get(doc);
  return encoding instanceof Uint8Array ? encoding : undefined;
}

/** Records that `doc` was decoded from `bytes`, which may be a view of a larger message. */
export function rememberEncoding(doc: Document, bytes: Uint8Array): void {
  encodings.set(doc, bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes));
}

/** Records that `doc` is made of the elements `encoding` names. */
export function rememberPicked(doc: Document, encoding: PickedEncoding): void {
  encodings.set(doc, encoding);
}

/**
 * The elements of the insert's `documents` array in `body` (a command's BSON), each
 * paired with the object it was decoded to, so their bytes can be remembered.
 */
export function rememberInsertedDocuments(body: Uint8Array, command: Document): void {
  const documents: unknown = command.documents;
  if (command.insert === undefined || !Array.isArray(documents)) return;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const array = findElement(body, view, 4, view.getInt32(0, true) - 1, DOCUMENTS);
  if (!array || array.type !== ARRAY) return;
  let index = 0;
  eachElement(body, view, array.value + 4, array.value + view.getInt32(array.value, true) - 1, (element) => {
    const doc: unknown = documents[index++];
    if (element.type === OBJECT && doc !== null && typeof doc === 'object')
      rememberEncoding(doc as Document, body.subarray(element.value, element.value + element.size));
  });
}

/** A pick of a `$replaceRoot` that names top-level fields: the new field's name and the field it takes, as UTF-8. */
export interface EncodedPick {
  readonly name: Uint8Array;
  readonly field: Uint8Array;
}

export function encodePicks(picks: readonly (readonly [string, string])[]): EncodedPick[] {
  return picks.map(([name, field]) => ({ name: Buffer.from(name, 'utf8'), field: Buffer.from(field, 'utf8') }));
}

/**
 * The BSON of `{ name: doc[field], ... }` for each pick, made of the document's own
 * elements: a field missing from the document is left out, as an expression object
 * leaves it, and of a name repeated the last counts, as for the decoded document.
 * Undefined when an element's type is not one BSON defines.
 */
export function pickedEncoding(bytes: Uint8Array, picks: readonly EncodedPick[]): PickedEncoding | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: (Element | undefined)[] = new Array<Element | undefined>(picks.length);
  const walked = eachElement(bytes, view, 4, view.getInt32(0, true) - 1, (element) => {
    for (let i = 0; i < picks.length; i++) if (sameBytes(bytes, element.nameStart, element.value - 1, picks[i]!.field)) found[i] = element;
  });
  if (!walked) return undefined;
  const elements: PickedElement[] = [];
  let byteLength = 4 + 1;
  for (let i = 0; i < picks.length; i++) {
    const element = found[i];
    // BSON undefined decodes to a missing value: left out, as a field not there is.
    if (!element || element.type === UNDEFINED) continue;
    const { name } = picks[i]!;
    elements.push({ name, type: element.type, value: bytes.subarray(element.value, element.value + element.size) });
    byteLength += 1 + name.length + 1 + element.size;
  }
  return new PickedEncoding(byteLength, elements);
}

interface PickedElement {
  readonly name: Uint8Array;
  readonly type: number;
  readonly value: Uint8Array;
}

/**
 * A document's BSON made of another's elements, renamed. It is written out where the
 * reply is assembled (EncodedBatch), so its bytes are copied once, into the message.
 */
export class PickedEncoding {
  constructor(
    readonly byteLength: number,
    private readonly elements: readonly PickedElement[],
  ) {}

  /** Writes the document at `offset` of `target`, which has `byteLength` bytes free there. */
  writeInto(target: Buffer, offset: number): void {
    target.writeInt32LE(this.byteLength, offset);
    let at = offset + 4;
    for (const { name, type, value } of this.elements) {
      target[at++] = type;
      target.set(name, at);
      at += name.length;
      target[at++] = 0;
      target.set(value, at);
      at += value.length;
    }
    target[at] = 0;
  }
}

interface Element {
  type: number;
  /** Offset of the name; it ends at `value - 1`. */
  nameStart: number;
  /** Offset of the value. */
  value: number;
  size: number;
}

/** Calls `visit` with each element between `start` and `end`; false when one's type is not one BSON defines. */
function eachElement(bytes: Uint8Array, view: DataView, start: number, end: number, visit: (element: Element) => void): boolean {
  for (let at = start; at < end;) {
    const type = bytes[at]!;
    const value = cstringEnd(bytes, at + 1) + 1;
    const size = valueSize(bytes, view, type, value);
    if (size === undefined) return false;
    visit({ type, nameStart: at + 1, value, size });
    at = value + size;
  }
  return true;
}

/** The last element named `name` between `start` and `end` (the one a decoder keeps), if any. */
function findElement(bytes: Uint8Array, view: DataView, start: number, end: number, name: Uint8Array): Element | undefined {
  let found: Element | undefined;
  const walked = eachElement(bytes, view, start, end, (element) => {
    if (sameBytes(bytes, element.nameStart, element.value - 1, name)) found = element;
  });
  return walked ? found : undefined;
}

function sameBytes(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}

const DOCUMENTS = Buffer.from('documents', 'utf8');

const DOUBLE = 0x01;
const STRING = 0x02;
const OBJECT = 0x03;
const ARRAY = 0x04;
const BINARY = 0x05;
const UNDEFINED = 0x06;
const OBJECT_ID = 0x07;
const BOOLEAN = 0x08;
const DATE = 0x09;
const NULL = 0x0a;
const REGEX = 0x0b;
const DB_POINTER = 0x0c;
const CODE = 0x0d;
const SYMBOL = 0x0e;
const CODE_WITH_SCOPE = 0x0f;
const INT32 = 0x10;
const TIMESTAMP = 0x11;
const INT64 = 0x12;
const DECIMAL128 = 0x13;
const MIN_KEY = 0xff;
const MAX_KEY = 0x7f;

/** The size of the value of type `type` at `offset`, or undefined for a type BSON does not define. */
function valueSize(bytes: Uint8Array, view: DataView, type: number, offset: number): number | undefined {
  switch (type) {
    case UNDEFINED:
    case NULL:
    case MIN_KEY:
    case MAX_KEY:
      return 0;
    case BOOLEAN:
      return 1;
    case INT32:
      return 4;
    case DOUBLE:
    case DATE:
    case TIMESTAMP:
    case INT64:
      return 8;
    case OBJECT_ID:
      return 12;
    case DECIMAL128:
      return 16;
    case STRING:
    case CODE:
    case SYMBOL:
      return 4 + view.getInt32(offset, true);
    case OBJECT:
    case ARRAY:
    case CODE_WITH_SCOPE:
      return view.getInt32(offset, true);
    case BINARY:
      return 4 + 1 + view.getInt32(offset, true);
    case DB_POINTER:
      return 4 + view.getInt32(offset, true) + 12;
    case REGEX: {
      const pattern = cstringEnd(bytes, offset);
      return cstringEnd(bytes, pattern + 1) + 1 - offset;
    }
    default:
      return undefined;
  }
}

function cstringEnd(bytes: Uint8Array, offset: number): number {
  const end = bytes.indexOf(0, offset);
  if (end < 0) throw new RangeError('BSON field name without its end');
  return end;
}
