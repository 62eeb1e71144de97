import type { Binary, Document } from 'bson';
import type { IndexSpec } from './index-spec.js';

/**
 * One logical change to the catalog. The journal appends these and recovery replays them;
 * `put` carries the whole document, so replaying a record twice leaves the same state.
 */
export type StoreRecord =
  | { op: 'createCollection'; db: string; coll: string; uuid: Binary }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: IndexSpec }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'put'; db: string; coll: string; doc: Document }
  | { op: 'del'; db: string; coll: string; id: unknown };

export type RecordSink = (record: StoreRecord) => void;
