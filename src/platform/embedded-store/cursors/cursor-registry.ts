import { randomBytes } from 'node:crypto';
import { BSON, Long, type Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { encodingOf, type PickedEncoding } from '../engine/document-encodings.js';
import { EncodedBatch } from './encoded-batch.js';
import { Peekable } from './peekable.js';

/** MongoDB's default: a cursor left idle for ten minutes is reaped. */
const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** Room left under the 16 MiB BSON limit for the reply's envelope. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;

interface OpenCursor {
  readonly namespace: string;
  readonly source: Peekable<Document>;
  lastUsed: number;
}

export interface Batch {
  readonly documents: EncodedBatch;
  /** 0 once the source is exhausted, as the driver expects. */
  readonly cursorId: Long;
}

/**
 * Server-side cursors for find/aggregate/listX. A cursor is a lazy iterator over stored
 * documents (immutable, so safe to hold), advanced one batch per getMore.
 */
export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();
  private readonly reaper: NodeJS.Timeout;

  constructor(private readonly idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS) {
    this.reaper = setInterval(() => this.reapIdle(), Math.min(idleTimeoutMs, 60_000)).unref();
  }

  /** Takes the first batch; keeps the rest open unless `singleBatch` or exhausted. */
  open(namespace: string, iterator: Iterator<Document>, batchSize: number, singleBatch = false): Batch {
    const source = new Peekable(iterator);
    const documents = takeBatch(source, batchSize);
    if (documents.exhausted || singleBatch) return { documents: documents.items, cursorId: Long.ZERO };
    const id = this.newId();
    this.cursors.set(id.toString(), { namespace, source, lastUsed: Date.now() });
    return { documents: documents.items, cursorId: Long.fromBigInt(id) };
  }

  next(id: Long, namespace: string, batchSize: number): Batch {
    const key = id.toString();
    const cursor = this.cursors.get(key);
    if (!cursor) throw new CommandError(43, `cursor id ${key} not found`);
    if (cursor.namespace !== namespace) {
      throw new CommandError(
        13,
        `Requested getMore on namespace '${namespace}', but cursor belongs to a different namespace ${cursor.namespace}`,
      );
    }
    cursor.lastUsed = Date.now();
    const documents = takeBatch(cursor.source, batchSize);
    if (documents.exhausted) {
      this.cursors.delete(key);
      return { documents: documents.items, cursorId: Long.ZERO };
    }
    return { documents: documents.items, cursorId: id };
  }

  kill(id: Long): boolean {
    return this.cursors.delete(id.toString());
  }

  close(): void {
    clearInterval(this.reaper);
    this.cursors.clear();
  }

  /** Random like mongod's, so one client cannot guess and drain another's cursor. */
  private newId(): bigint {
    for (;;) {
      const id = randomBytes(8).readBigUInt64LE() & 0x7fffffffffffffffn;
      if (id !== 0n && !this.cursors.has(id.toString())) return id;
    }
  }

  private reapIdle(): void {
    const deadline = Date.now() - this.idleTimeoutMs;
    for (const [id, cursor] of this.cursors) if (cursor.lastUsed < deadline) this.cursors.delete(id);
  }
}

/**
 * Up to `batchSize` documents (0: no count limit, as for getMore), and never more bytes than
 * fit in one reply: 101 documents of 1 MB would exceed the 16 MB reply limit. Each document
 * is serialized here, once: the bytes that measure it are the bytes sent. A document
 * still as inserted is sent as the bytes it came in (see engine/document-encodings.ts).
 */
function takeBatch(source: Peekable<Document>, batchSize: number): { items: EncodedBatch; exhausted: boolean } {
  const limit = batchSize > 0 ? batchSize : Infinity;
  const items: (Uint8Array | PickedEncoding)[] = [];
  let bytes = 0;
  while (items.length < limit) {
    const next = source.peek();
    if (!next) break;
    const encoded = encodingOf(next.value) ?? BSON.serialize(next.value);
    if (items.length > 0 && bytes + encoded.byteLength > MAX_BATCH_BYTES) break;
    bytes += encoded.byteLength;
    items.push(encoded);
    source.take();
  }
  // Looking ahead lets an exactly drained cursor report id 0 instead of costing a getMore.
  return { items: new EncodedBatch(items), exhausted: source.peek() === undefined };
}
