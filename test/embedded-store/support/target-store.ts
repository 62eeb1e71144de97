import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { startEmbeddedStore, type EmbeddedStore } from '../../../src/platform/embedded-store/embedded-store.js';

/**
 * The server a conformance suite runs against: real MongoDB when MONGODB_URI is set, the
 * embedded store otherwise. Suites make the same assertions either way.
 */
export interface TargetStore {
  readonly connection: Connection;
  readonly embedded: boolean;
  close(): Promise<void>;
}

/** Short sweeper interval so TTL suites finish quickly on the embedded store. */
export const EMBEDDED_TTL_INTERVAL_MS = 100;

export async function connectTargetStore(suite: string): Promise<TargetStore> {
  const external = process.env.MONGODB_URI;
  let store: EmbeddedStore | undefined;
  if (!external) store = await startEmbeddedStore({ ttlIntervalMs: EMBEDDED_TTL_INTERVAL_MS });
  const dbName = `es_${suite}_${randomBytes(4).toString('hex')}`;
  const connection = await mongoose
    .createConnection(external ?? store!.uri, { dbName, autoIndex: true, monitorCommands: true })
    .asPromise();
  return {
    connection,
    embedded: store !== undefined,
    async close() {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
      await store?.close();
    },
  };
}

/** Whether the server is a replica set member (where transactions are allowed). */
export async function isReplicaSet(connection: Connection): Promise<boolean> {
  const hello = await connection.db!.admin().command({ hello: 1 });
  return typeof hello.setName === 'string';
}

/** Polls until `check` holds or the bound passes; returns the last result, never a duration. */
export async function eventually(check: () => Promise<boolean>, boundMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
