import type { Logger } from './commands/command-dispatcher.js';
import type { FsyncPolicy } from './durability/journal.js';
import { startEmbeddedStoreInWorker } from './thread/store-thread.js';

export type { FsyncPolicy } from './durability/journal.js';
export type { Logger } from './commands/command-dispatcher.js';
export { startEmbeddedStoreInThread } from './in-thread-store.js';

export interface EmbeddedStoreOptions {
  /** Data directory; undefined keeps everything in memory (tests). */
  readonly dbPath?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Loopback only: the store has no authentication. */
  readonly host?: string;
  readonly fsync?: FsyncPolicy;
  /** How often expired TTL documents are deleted. */
  readonly ttlIntervalMs?: number;
  /** Journal size that triggers compaction into a snapshot. */
  readonly compactAfterBytes?: number;
  readonly logger?: Logger;
}

export interface EmbeddedStore {
  /** mongodb://127.0.0.1:PORT/ */
  readonly uri: string;
  readonly port: number;
  /** Stops accepting, answers in-flight requests, ends sockets, flushes the journal, ends the store's thread. */
  close(): Promise<void>;
}

/**
 * Starts a server that mongoose and the MongoDB tools connect to as to a standalone
 * mongod. It runs on its own worker thread of this process: the store's BSON work and
 * journalling then use the second core instead of queueing behind the HTTP API.
 */
export async function startEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  return startEmbeddedStoreInWorker(options);
}
