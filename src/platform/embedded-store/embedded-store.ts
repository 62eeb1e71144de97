import { CommandDispatcher, type Logger, type WriteLog } from './commands/command-dispatcher.js';
import { COMMANDS } from './commands/command-table.js';
import { CursorRegistry } from './cursors/cursor-registry.js';
import { DurableStorage } from './durability/durable-storage.js';
import type { FsyncPolicy } from './durability/journal.js';
import { Catalog } from './engine/catalog.js';
import { startTtlSweeper } from './engine/ttl-sweeper.js';
import { WireServer } from './wire/wire-server.js';

export type { FsyncPolicy } from './durability/journal.js';
export type { Logger } from './commands/command-dispatcher.js';

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
  /** Stops accepting, answers in-flight requests, ends sockets, flushes the journal. */
  close(): Promise<void>;
}

const DEFAULT_TTL_INTERVAL_MS = 1000;
const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
const SILENT: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const IN_MEMORY: WriteLog = { appendedSequence: () => 0, whenDurable: () => Promise.resolve() };

/** Starts an in-process server that mongoose and the MongoDB tools connect to as to a standalone mongod. */
export async function startEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`the embedded store listens on loopback only, not on ${host}`);
  const logger = options.logger ?? SILENT;
  const catalog = new Catalog();
  const storage = options.dbPath
    ? await DurableStorage.open(catalog, {
        dir: options.dbPath,
        fsync: options.fsync ?? 'always',
        compactAfterBytes: options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES,
        logger,
      })
    : undefined;
  const cursors = new CursorRegistry();
  const dispatcher = new CommandDispatcher(COMMANDS, storage ?? IN_MEMORY, logger);
  const startedAt = new Date();
  let port = 0;
  const server = new WireServer(dispatcher, (connection) => ({ catalog, cursors, connection, startedAt, port }), logger);
  try {
    port = await server.listen(host, options.port ?? 0);
  } catch (error) {
    cursors.close();
    await storage?.close();
    throw error;
  }
  const stopTtl = startTtlSweeper(catalog, options.ttlIntervalMs ?? DEFAULT_TTL_INTERVAL_MS, logger);
  const uriHost = host.includes(':') ? `[${host}]` : host;
  logger.info('embedded store: listening', { host, port, dbPath: options.dbPath ?? '(in memory)' });
  let closing: Promise<void> | undefined;
  return {
    uri: `mongodb://${uriHost}:${port}/`,
    port,
    close() {
      closing ??= (async () => {
        stopTtl();
        await server.close();
        cursors.close();
        await storage?.close();
      })();
      return closing;
    },
  };
}
