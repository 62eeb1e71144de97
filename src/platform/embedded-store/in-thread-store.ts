import { CommandDispatcher, type Logger, type WriteLog } from './commands/command-dispatcher.js';
import { COMMANDS } from './commands/command-table.js';
import { CursorRegistry } from './cursors/cursor-registry.js';
import { DurableStorage } from './durability/durable-storage.js';
import { Catalog } from './engine/catalog.js';
import { startTtlSweeper } from './engine/ttl-sweeper.js';
import type { EmbeddedStore, EmbeddedStoreOptions } from './embedded-store.js';
import { WireServer } from './wire/wire-server.js';

const DEFAULT_TTL_INTERVAL_MS = 1000;
const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
const SILENT: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const IN_MEMORY: WriteLog = { appendedSequence: () => 0, whenDurable: () => Promise.resolve() };

/** Refuses anything but loopback: the store has no authentication. */
export function checkLoopback(host: string): void {
  if (!LOOPBACK.test(host)) throw new Error(`the embedded store listens on loopback only, not on ${host}`);
}

/**
 * Runs the store's server on the calling thread's event loop. The store's thread
 * (see store-worker.ts) starts it this way; so can a test or a tool that wants the
 * store and its client on one thread.
 */
export async function startEmbeddedStoreInThread(options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  const host = options.host ?? '127.0.0.1';
  checkLoopback(host);
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
