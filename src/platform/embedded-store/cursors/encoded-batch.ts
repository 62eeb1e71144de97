/**
 * A cursor batch already serialized as the BSON array the reply carries. Each document
 * is serialized once, when the batch is taken: its size bounds the batch, and its bytes
 * go into the reply as they are (see wire/reply-body.ts).
 */
export class EncodedBatch {
  private constructor(
    /** A whole BSON array document: `{ "0": doc, "1": doc, ... }`. */
    readonly bytes: Buffer,
    readonly count: number,
  ) {}

  /** Serialized documents, each a whole BSON document, joined into one array in their order. */
  static of(documents: readonly Uint8Array[]): EncodedBatch {
    let size = 4 + 1;
    documents.forEach((doc, i) => (size += 1 + String(i).length + 1 + doc.length));
    const bytes = Buffer.allocUnsafe(size);
    bytes.writeInt32LE(size, 0);
    let at = 4;
    documents.forEach((doc, i) => {
      bytes[at++] = BSON_EMBEDDED_DOCUMENT;
      at += bytes.write(String(i), at, 'latin1');
      bytes[at++] = 0;
      bytes.set(doc, at);
      at += doc.length;
    });
    bytes[at] = 0;
    return new EncodedBatch(bytes, documents.length);
  }
}

/** BSON's element type byte for an embedded document. */
const BSON_EMBEDDED_DOCUMENT = 0x03;
