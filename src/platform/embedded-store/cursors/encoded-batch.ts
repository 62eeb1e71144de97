import { PickedEncoding } from '../engine/document-encodings.js';

/**
 * A cursor batch of documents already serialized. Each document is serialized once,
 * when the batch is taken: its size bounds the batch, and its bytes are copied once,
 * straight into the reply message, as the BSON array the reply carries (see
 * wire/reply-body.ts). A document picked from another's bytes is written from them
 * there (PickedEncoding).
 */
export class EncodedBatch {
  /** The size of the BSON array document `{ "0": doc, "1": doc, ... }` these documents make. */
  readonly byteLength: number;

  constructor(private readonly documents: readonly (Uint8Array | PickedEncoding)[]) {
    let size = 4 + 1;
    documents.forEach((doc, i) => (size += 1 + String(i).length + 1 + doc.byteLength));
    this.byteLength = size;
  }

  /** Writes the array document at `offset` of `target`, which has `byteLength` bytes free there. */
  writeInto(target: Buffer, offset: number): void {
    target.writeInt32LE(this.byteLength, offset);
    let at = offset + 4;
    this.documents.forEach((doc, i) => {
      target[at++] = BSON_EMBEDDED_DOCUMENT;
      at += target.write(String(i), at, 'latin1');
      target[at++] = 0;
      if (doc instanceof PickedEncoding) doc.writeInto(target, at);
      else target.set(doc, at);
      at += doc.byteLength;
    });
    target[at] = 0;
  }
}

/** BSON's element type byte for an embedded document. */
const BSON_EMBEDDED_DOCUMENT = 0x03;
