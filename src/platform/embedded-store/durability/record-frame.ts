import { crc32 } from 'node:zlib';
import { open } from 'node:fs/promises';
import { BSON, type Document } from 'bson';
import { DESERIALIZE_OPTIONS } from '../wire/op-msg.js';

/** Frame: payload length (u32 LE), CRC-32 of the payload (u32 LE), payload (one BSON document). */
const FRAME_HEADER_BYTES = 8;
/** A put carries at most one 16 MiB document; anything larger can only be a corrupt length. */
const MAX_PAYLOAD_BYTES = 17 * 1024 * 1024;
const READ_CHUNK_BYTES = 8 * 1024 * 1024;

export function encodeFrame(record: Document): Buffer {
  const payload = BSON.serialize(record);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

export interface ScanResult {
  /** Offset just past the last intact frame. */
  readonly goodBytes: number;
  readonly fileBytes: number;
  /** Why scanning stopped before the end of the file, if it did. */
  readonly problem?: string;
}

/**
 * Reads a file of frames in chunks, handing each intact record to `onRecord`, and stops at
 * the first frame that is incomplete or fails its checksum (a write torn by a crash).
 */
export async function scanFrames(path: string, onRecord: (record: Document) => void): Promise<ScanResult> {
  const file = await open(path, 'r');
  try {
    const fileBytes = (await file.stat()).size;
    let carry = Buffer.alloc(0);
    let consumed = 0;
    let position = 0;
    while (position < fileBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, fileBytes - position));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      let buffer = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let offset = 0;
      while (buffer.length - offset >= FRAME_HEADER_BYTES) {
        const length = buffer.readUInt32LE(offset);
        if (length < 5 || length > MAX_PAYLOAD_BYTES)
          return { goodBytes: consumed, fileBytes, problem: `implausible record length ${length}` };
        if (buffer.length - offset < FRAME_HEADER_BYTES + length) break;
        const payload = buffer.subarray(offset + FRAME_HEADER_BYTES, offset + FRAME_HEADER_BYTES + length);
        if (crc32(payload) !== buffer.readUInt32LE(offset + 4)) return { goodBytes: consumed, fileBytes, problem: 'checksum mismatch' };
        let record: Document;
        try {
          record = BSON.deserialize(payload, DESERIALIZE_OPTIONS);
        } catch (error) {
          return { goodBytes: consumed, fileBytes, problem: `undecodable record: ${String(error)}` };
        }
        onRecord(record);
        offset += FRAME_HEADER_BYTES + length;
        consumed += FRAME_HEADER_BYTES + length;
      }
      buffer = buffer.subarray(offset);
      carry = Buffer.from(buffer);
    }
    return consumed === fileBytes
      ? { goodBytes: consumed, fileBytes }
      : { goodBytes: consumed, fileBytes, problem: 'incomplete last record' };
  } finally {
    await file.close();
  }
}
