import { BSON, type Document } from 'bson';
import { rememberEncoding, rememberInsertedDocuments } from '../engine/document-encodings.js';
import { crc32c } from './crc32c.js';
import { encodeReplyMessage } from './reply-body.js';
import { HEADER_SIZE, WireFormatError, writeHeader, type RawMessage } from './message-framer.js';

export const OP_MSG = 2013;

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
/** Bits 0-15 are "required": a receiver must refuse flags it does not know; exhaustAllowed (bit 16) is optional and ignored. */
const KNOWN_REQUIRED_BITS = CHECKSUM_PRESENT | MORE_TO_COME;

export interface OpMsgRequest {
  readonly command: Document;
  /** The client expects no reply (unacknowledged write). */
  readonly moreToCome: boolean;
}

/** BSON types must survive the round trip: no promotion of Binary to Buffer, Long kept when it would lose precision. */
export const DESERIALIZE_OPTIONS = { promoteBuffers: false, promoteLongs: true, promoteValues: true } as const;

/**
 * Decodes an OP_MSG: one kind-0 body plus kind-1 document sequences, which are folded
 * into the body under their identifier, as the server does before dispatching.
 */
export function decodeOpMsg(message: RawMessage): OpMsgRequest {
  const { bytes } = message;
  const flags = bytes.readUInt32LE(HEADER_SIZE);
  if ((flags & 0xffff & ~KNOWN_REQUIRED_BITS) !== 0) {
    throw new WireFormatError(`unsupported OP_MSG flag bits ${flags.toString(16)}`);
  }
  let end = bytes.length;
  if (flags & CHECKSUM_PRESENT) {
    end -= 4;
    const expected = bytes.readUInt32LE(end);
    if (crc32c(bytes.subarray(0, end)) !== expected) throw new WireFormatError('OP_MSG checksum mismatch');
  }
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = bytes[offset++];
    if (kind === 0) {
      if (body) throw new WireFormatError('OP_MSG with more than one body section');
      const size = bytes.readInt32LE(offset);
      const bodyBytes = bytes.subarray(offset, offset + size);
      body = BSON.deserialize(bodyBytes, DESERIALIZE_OPTIONS);
      // An insert's documents keep the bytes they came in: a read sends those instead of serializing again.
      rememberInsertedDocuments(bodyBytes, body);
      offset += size;
    } else if (kind === 1) {
      const size = bytes.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = bytes.indexOf(0, offset + 4);
      const identifier = bytes.toString('utf8', offset + 4, nameEnd);
      const documents: Document[] = [];
      for (let at = nameEnd + 1; at < sectionEnd;) {
        const docSize = bytes.readInt32LE(at);
        const docBytes = bytes.subarray(at, at + docSize);
        const doc = BSON.deserialize(docBytes, DESERIALIZE_OPTIONS);
        if (identifier === 'documents') rememberEncoding(doc, docBytes);
        documents.push(doc);
        at += docSize;
      }
      sequences.push([identifier, documents]);
      offset = sectionEnd;
    } else {
      throw new WireFormatError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (!body) throw new WireFormatError('OP_MSG without a body section');
  for (const [identifier, documents] of sequences) body[identifier] = documents;
  return { command: body, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

export function encodeOpMsg(reply: Document, requestId: number, responseTo: number): Buffer {
  // Header, flag bits, then one kind-0 section: the reply's BSON.
  const message = encodeReplyMessage(reply, HEADER_SIZE + 4 + 1);
  writeHeader(message, requestId, responseTo, OP_MSG);
  message.writeUInt32LE(0, HEADER_SIZE);
  message[HEADER_SIZE + 4] = 0;
  return message;
}
