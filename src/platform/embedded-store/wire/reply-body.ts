import { BSON, type Document } from 'bson';
import { EncodedBatch } from '../cursors/encoded-batch.js';

const BATCH_KEYS = ['firstBatch', 'nextBatch'] as const;
/** An empty BSON array: its int32 size (5) and the terminating zero. */
const EMPTY_ARRAY_BYTES = 5;

/**
 * A reply message: `headroom` bytes left free at the start for the caller's header and
 * section fields, then the reply's BSON. A cursor reply carries its batch already
 * serialized (EncodedBatch): the envelope is serialized around an empty array placed
 * first, and the batch's documents are copied into that array's place, with the two
 * enclosing sizes grown to match. A batch is thus copied once, into the message itself.
 */
export function encodeReplyMessage(reply: Document, headroom: number): Buffer {
  const cursor: unknown = reply.cursor;
  const fields = typeof cursor === 'object' && cursor !== null ? (cursor as Document) : undefined;
  const key = fields && BATCH_KEYS.find((name) => fields[name] instanceof EncodedBatch);
  if (!fields || !key) return withHeadroom(BSON.serialize(reply), headroom);
  const batch = fields[key] as EncodedBatch;
  // The batch's key first in the cursor, and the cursor first in the reply, whatever order they came in.
  const envelopeCursor: Document = { [key]: [] };
  for (const [name, value] of Object.entries(fields)) if (name !== key) envelopeCursor[name] = value;
  const envelopeReply: Document = { cursor: envelopeCursor };
  for (const [name, value] of Object.entries(reply)) if (name !== 'cursor') envelopeReply[name] = value;
  const serialized = BSON.serialize(envelopeReply);
  const envelope = Buffer.from(serialized.buffer, serialized.byteOffset, serialized.length);
  // int32 reply size, type byte, "cursor\0", int32 cursor size, type byte, key\0: then the array.
  const cursorAt = 4 + 1 + 'cursor'.length + 1;
  const arrayAt = cursorAt + 4 + 1 + key.length + 1;
  const grown = batch.byteLength - EMPTY_ARRAY_BYTES;
  const message = Buffer.allocUnsafe(headroom + envelope.length + grown);
  message.set(envelope.subarray(0, arrayAt), headroom);
  batch.writeInto(message, headroom + arrayAt);
  message.set(envelope.subarray(arrayAt + EMPTY_ARRAY_BYTES), headroom + arrayAt + batch.byteLength);
  message.writeInt32LE(envelope.readInt32LE(0) + grown, headroom);
  message.writeInt32LE(envelope.readInt32LE(cursorAt) + grown, headroom + cursorAt);
  return message;
}

function withHeadroom(body: Uint8Array, headroom: number): Buffer {
  const message = Buffer.allocUnsafe(headroom + body.length);
  message.set(body, headroom);
  return message;
}
