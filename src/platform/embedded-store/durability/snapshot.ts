import { open, rename, unlink } from 'node:fs/promises';
import type { Binary, Document } from 'bson';
import type { Catalog } from '../engine/catalog.js';
import type { IndexSpec } from '../engine/index-spec.js';
import type { StoreRecord } from '../engine/store-record.js';
import { syncDirectory } from './data-directory.js';
import { encodeFrame, scanFrames } from './record-frame.js';

const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

interface CollectionState {
  readonly db: string;
  readonly coll: string;
  readonly uuid: Binary;
  readonly indexes: IndexSpec[];
  readonly docs: Document[];
}

/** The catalog at one instant, plus the first journal file whose records are not in it. */
export interface SnapshotState {
  readonly journalSeq: number;
  readonly collections: CollectionState[];
}

/**
 * Synchronous on purpose: taken between two commands, it is consistent. Stored documents
 * are immutable, so holding references is enough; the copy to disk can then take its time.
 */
export function captureState(catalog: Catalog, journalSeq: number): SnapshotState {
  const collections = [...catalog.allCollections()].map((collection) => ({
    db: collection.db,
    coll: collection.name,
    uuid: collection.uuid,
    indexes: collection.indexSpecs().slice(1),
    docs: [...collection.docs.values()],
  }));
  return { journalSeq, collections };
}

/** Written to a temporary file, fsynced, then renamed over the old one: a crash leaves one or the other, whole. */
export async function writeSnapshot(path: string, state: SnapshotState): Promise<void> {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w');
  let buffered: Buffer[] = [];
  let bufferedBytes = 0;
  let count = 0;
  const flush = async () => {
    if (bufferedBytes === 0) return;
    const bytes = Buffer.concat(buffered, bufferedBytes);
    buffered = [];
    bufferedBytes = 0;
    for (let offset = 0; offset < bytes.length;) offset += (await file.write(bytes, offset)).bytesWritten;
  };
  const add = async (record: Document) => {
    const frame = encodeFrame(record);
    buffered.push(frame);
    bufferedBytes += frame.length;
    count++;
    if (bufferedBytes >= WRITE_BUFFER_BYTES) await flush();
  };
  try {
    await add({ op: 'snapshot', version: 1, journalSeq: state.journalSeq, createdAt: new Date() });
    for (const { db, coll, uuid, indexes, docs } of state.collections) {
      await add({ op: 'createCollection', db, coll, uuid } satisfies StoreRecord);
      for (const spec of indexes) await add({ op: 'createIndex', db, coll, spec } satisfies StoreRecord);
      for (const doc of docs) await add({ op: 'put', db, coll, doc } satisfies StoreRecord);
    }
    await add({ op: 'end', records: count + 1 });
    await flush();
    await file.datasync();
  } catch (error) {
    await file.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await file.close();
  await rename(temporary, path);
  await syncDirectory(path);
}

/** Replays a snapshot into the catalog; returns the journal sequence it covers up to. */
export async function loadSnapshot(path: string, apply: (record: StoreRecord) => void): Promise<number> {
  let journalSeq: number | undefined;
  let ended = false;
  let count = 0;
  const result = await scanFrames(path, (record) => {
    count++;
    if (record.op === 'snapshot') journalSeq = record.journalSeq as number;
    else if (record.op === 'end') ended = record.records === count;
    else apply(record as StoreRecord);
  });
  if (result.problem || journalSeq === undefined || !ended) {
    throw new Error(`snapshot ${path} is damaged (${result.problem ?? 'missing header or trailer'}); refusing to start with partial data`);
  }
  return journalSeq;
}
