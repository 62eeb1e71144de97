import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { startEmbeddedStore } from '../embedded-store/embedded-store.js';

export interface Database {
  connection: Connection;
  /** True when the embedded default store runs in this process (MONGODB_URI unset). */
  embedded: boolean;
  isReady(): boolean;
  close(): Promise<void>;
}

const DATABASE_NAME = 'single-window';

/**
 * Connects mongoose to MONGODB_URI, or, when it is unset, starts the embedded
 * MongoDB-compatible store and connects to that over loopback: the application
 * code is the same in both cases.
 */
export async function connectDatabase(config: Config, logger: Logger): Promise<Database> {
  let uri = config.mongodbUri;
  let closeEmbedded: (() => Promise<void>) | undefined;
  if (!uri) {
    const store = await startEmbeddedStore({
      dbPath: config.storeFsync === 'memory' ? undefined : path.resolve(config.dataDir, 'store'),
      fsync: config.storeFsync === 'always' ? 'always' : 'never',
      port: 0,
      logger,
    });
    uri = `${store.uri.replace(/\/$/, '')}/${DATABASE_NAME}`;
    closeEmbedded = () => store.close();
    logger.info('embedded store started', { uri, durable: config.storeFsync !== 'memory' });
  }
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: true });
  connection.on('error', (error: Error) => logger.warn('database connection error', { reason: error.message }));
  connection.on('disconnected', () => logger.warn('database disconnected'));
  await connection.asPromise();
  return {
    connection,
    embedded: closeEmbedded !== undefined,
    isReady: () => connection.readyState === mongoose.ConnectionStates.connected,
    close: async () => {
      await connection.close();
      await closeEmbedded?.();
    },
  };
}
