import type { HistoryEntry, OutboxEntry, TradeDocument } from '../kernel/document-record.js';

/** One state change as stored: fields to set and entries to append, applied atomically. */
export interface StoredChange {
  set: Record<string, unknown>;
  history: HistoryEntry[];
  outbox: OutboxEntry[];
  /** Other arrays to append to (e.g. `amendments`). */
  push?: Record<string, unknown[]>;
}

/** The lifecycle's access to documents: read, and write one change guarded by the version. */
export interface LifecycleStore {
  get(id: string): Promise<TradeDocument | undefined>;
  /** Applies the change and increments the version if the document is still at `version`; false when it is not. */
  apply(id: string, version: number, change: StoredChange): Promise<boolean>;
}
