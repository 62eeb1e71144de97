import { BSON, type Document } from 'bson';
import { EncodedBatch } from '../cursors/encoded-batch.js';

const BATCH_KEYS = ['firstBatch', 'nextBatch'] as const;
/** An empty BSON array: its int32 size (5) and the terminating zero. */
const EMPTY_ARRAY_BYTES = 5;

/**
 * A reply's BSON. A cursor reply carries its batch already serialized (EncodedBatch):
 * the envelope is serialized around an empty array placed first, and the batch's bytes
 * take that array's place, with the two enclosing sizes grown to match.
 */
export function encodeReplyBody(reply: Document): Uint8Array {
  const cursor: unknown = reply.cursor;
  if (typeof cursor !== 'object' || cursor === null) return BSON.serialize(reply);
  const fields = cursor as Document;
  const key = BATCH_KEYS.find((name) => fields[name] instanceof EncodedBatch);
  if (!key) return BSON.serialize(reply);
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
  const grown = batch.bytes.length - EMPTY_ARRAY_BYTES;
  const body = Buffer.allocUnsafe(envelope.length + grown);
  body.set(envelope.subarray(0, arrayAt), 0);
  body.set(batch.bytes, arrayAt);
  body.set(envelope.subarray(arrayAt + EMPTY_ARRAY_BYTES), arrayAt + batch.bytes.length);
  body.writeInt32LE(envelope.readInt32LE(0) + grown, 0);
  body.writeInt32LE(envelope.readInt32LE(cursorAt) + grown, cursorAt);
  return body;
}
