import { connect, type Socket } from 'node:net';
import { BSON, type Document } from 'bson';
import { crc32c } from '../../../src/platform/embedded-store/wire/crc32c.js';

export interface Reply {
  readonly responseTo: number;
  readonly opCode: number;
  readonly document: Document;
  /** The reply document's BSON, for a test that wants its types as sent. */
  readonly bytes: Buffer;
}

/** A bare socket speaking the wire protocol by hand, to test framing the driver never exercises. */
export class RawWireClient {
  private buffered = Buffer.alloc(0);
  private waiting: ((reply: Reply) => void)[] = [];
  private replies: Reply[] = [];
  private nextRequestId = 1;
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => (this.closed = true));
  }

  static open(port: number): Promise<RawWireClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new RawWireClient(socket)));
      socket.once('error', reject);
    });
  }

  /** OP_MSG with a body and optional document sequences; returns the request id. */
  sendMsg(
    body: Document,
    options: { sequences?: Record<string, Document[]>; checksum?: 'valid' | 'corrupt'; moreToCome?: boolean } = {},
  ): number {
    const sections: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(body))];
    for (const [identifier, documents] of Object.entries(options.sequences ?? {})) {
      const payload = Buffer.concat([Buffer.from(`${identifier}\0`), ...documents.map((doc) => Buffer.from(BSON.serialize(doc)))]);
      const size = Buffer.alloc(4);
      size.writeInt32LE(payload.length + 4);
      sections.push(Buffer.from([1]), size, payload);
    }
    const flags = (options.checksum ? 1 : 0) | (options.moreToCome ? 2 : 0);
    const flagBytes = Buffer.alloc(4);
    flagBytes.writeUInt32LE(flags);
    return this.send(2013, Buffer.concat([flagBytes, ...sections]), options.checksum);
  }

  /** Legacy OP_QUERY against `<db>.$cmd`, as drivers send their first hello. */
  sendQuery(collection: string, query: Document): number {
    const head = Buffer.alloc(4);
    const name = Buffer.from(`${collection}\0`);
    const skipAndReturn = Buffer.alloc(8);
    skipAndReturn.writeInt32LE(-1, 4);
    return this.send(2004, Buffer.concat([head, name, skipAndReturn, Buffer.from(BSON.serialize(query))]));
  }

  next(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    this.socket.destroy();
  }

  private send(opCode: number, body: Buffer, checksum?: 'valid' | 'corrupt'): number {
    const requestId = this.nextRequestId++;
    const header = Buffer.alloc(16);
    const length = 16 + body.length + (checksum ? 4 : 0);
    header.writeInt32LE(length, 0);
    header.writeInt32LE(requestId, 4);
    header.writeInt32LE(0, 8);
    header.writeInt32LE(opCode, 12);
    let message = Buffer.concat([header, body]);
    if (checksum) {
      const crc = Buffer.alloc(4);
      crc.writeUInt32LE((crc32c(message) ^ (checksum === 'corrupt' ? 1 : 0)) >>> 0);
      message = Buffer.concat([message, crc]);
    }
    this.socket.write(message);
    return requestId;
  }

  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4 && this.buffered.length >= this.buffered.readInt32LE(0)) {
      const length = this.buffered.readInt32LE(0);
      const message = this.buffered.subarray(0, length);
      this.buffered = this.buffered.subarray(length);
      const opCode = message.readInt32LE(12);
      const documentAt = opCode === 1 ? 36 : 21;
      const reply = {
        responseTo: message.readInt32LE(8),
        opCode,
        document: BSON.deserialize(message.subarray(documentAt)),
        bytes: message.subarray(documentAt),
      };
      const waiter = this.waiting.shift();
      if (waiter) waiter(reply);
      else this.replies.push(reply);
    }
  }
}
