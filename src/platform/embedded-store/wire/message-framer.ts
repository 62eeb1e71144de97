/** Standard 16-byte header every wire protocol message starts with. */
export interface MessageHeader {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

export interface RawMessage {
  readonly header: MessageHeader;
  /** The whole message, header included. */
  readonly bytes: Buffer;
}

export const HEADER_SIZE = 16;

export class WireFormatError extends Error {}

/**
 * Cuts a TCP byte stream into whole wire messages. Chunks are kept in a list and only
 * joined once a full message is present, so a 48 MB insert batch is not copied per chunk.
 */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxMessageSize: number) {}

  push(chunk: Buffer): RawMessage[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: RawMessage[] = [];
    for (;;) {
      const length = this.peekLength();
      if (length === undefined || this.buffered < length) return messages;
      messages.push(this.take(length));
    }
  }

  private peekLength(): number | undefined {
    if (this.buffered < 4) return undefined;
    if (this.chunks[0]!.length < 4) this.coalesce();
    const length = this.chunks[0]!.readInt32LE(0);
    if (length < HEADER_SIZE || length > this.maxMessageSize) {
      throw new WireFormatError(`invalid message length ${length}`);
    }
    return length;
  }

  private take(length: number): RawMessage {
    if (this.chunks[0]!.length < length) this.coalesce();
    const first = this.chunks[0]!;
    const bytes = first.subarray(0, length);
    if (first.length === length) this.chunks.shift();
    else this.chunks[0] = first.subarray(length);
    this.buffered -= length;
    return { header: readHeader(bytes), bytes };
  }

  private coalesce(): void {
    this.chunks = [Buffer.concat(this.chunks, this.buffered)];
  }
}

function readHeader(bytes: Buffer): MessageHeader {
  return {
    messageLength: bytes.readInt32LE(0),
    requestId: bytes.readInt32LE(4),
    responseTo: bytes.readInt32LE(8),
    opCode: bytes.readInt32LE(12),
  };
}

export function writeHeader(target: Buffer, requestId: number, responseTo: number, opCode: number): void {
  target.writeInt32LE(target.length, 0);
  target.writeInt32LE(requestId, 4);
  target.writeInt32LE(responseTo, 8);
  target.writeInt32LE(opCode, 12);
}
