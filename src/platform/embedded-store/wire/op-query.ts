import { BSON, type Document } from 'bson';
import { DESERIALIZE_OPTIONS } from './op-msg.js';
import { encodeReplyMessage } from './reply-body.js';
import { HEADER_SIZE, writeHeader, type RawMessage } from './message-framer.js';

export const OP_QUERY = 2004;
export const OP_REPLY = 1;

export interface OpQueryRequest {
  readonly collection: string;
  readonly command: Document;
}

/**
 * Legacy OP_QUERY: drivers still open every connection with a `hello`/`isMaster` sent this
 * way (before they know the server speaks OP_MSG), and mongosh does the same.
 */
export function decodeOpQuery(message: RawMessage): OpQueryRequest {
  const { bytes } = message;
  const nameStart = HEADER_SIZE + 4;
  const nameEnd = bytes.indexOf(0, nameStart);
  const collection = bytes.toString('utf8', nameStart, nameEnd);
  const queryStart = nameEnd + 1 + 8;
  const size = bytes.readInt32LE(queryStart);
  let command = BSON.deserialize(bytes.subarray(queryStart, queryStart + size), DESERIALIZE_OPTIONS);
  // Some clients wrap the command as {$query: cmd, $readPreference: ...}.
  if (command.$query && typeof command.$query === 'object') command = command.$query as Document;
  return { collection, command };
}

export function encodeOpReply(reply: Document, requestId: number, responseTo: number): Buffer {
  // Header, response flags, cursor id, starting from, number returned (1), then the reply's BSON.
  const message = encodeReplyMessage(reply, HEADER_SIZE + 20);
  writeHeader(message, requestId, responseTo, OP_REPLY);
  message.writeInt32LE(0, HEADER_SIZE);
  message.writeBigInt64LE(0n, HEADER_SIZE + 4);
  message.writeInt32LE(0, HEADER_SIZE + 12);
  message.writeInt32LE(1, HEADER_SIZE + 16);
  return message;
}
