/**
 * Runs the embedded store on its own so mongosh, Compass or a script can inspect it:
 *   npm run store -- --port 27018 --dbpath ./data/store
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedStore, type FsyncPolicy, type Logger } from './embedded-store.js';

const USAGE = `usage: npm run store -- [--port 27017] [--dbpath ./data/store | --in-memory] [--fsync always|never|<interval ms>]`;

function line(level: string, message: string, meta?: Record<string, unknown>): void {
  const details = meta && Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : '';
  process.stdout.write(`${new Date().toISOString()} ${level} ${message}${details}\n`);
}

const logger: Logger = {
  info: (message, meta) => line('info', message, meta),
  warn: (message, meta) => line('warn', message, meta),
  error: (message, meta) => line('error', message, meta),
};

function parseFsync(value: string): FsyncPolicy {
  if (value === 'always' || value === 'never') return value;
  const intervalMs = Number(value);
  if (!Number.isInteger(intervalMs) || intervalMs <= 0)
    throw new Error(`--fsync must be always, never or a positive interval in ms, not '${value}'`);
  return { intervalMs };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '27017' },
      dbpath: { type: 'string', default: './data/store' },
      'in-memory': { type: 'boolean', default: false },
      fsync: { type: 'string', default: 'always' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a TCP port, not '${values.port}'`);
  const dbPath = values['in-memory'] ? undefined : resolve(values.dbpath);
  const store = await startEmbeddedStore({ port, dbPath, fsync: parseFsync(values.fsync), logger });
  line('info', `embedded store listening on ${store.uri} (${dbPath ? `data in ${dbPath}` : 'in memory'})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    line('info', `${signal} received, closing the embedded store`);
    store.close().then(
      () => {
        line('info', 'embedded store closed');
        process.exit(0);
      },
      (error: unknown) => {
        line('error', 'close failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  line('error', error instanceof Error ? error.message : String(error));
  process.stdout.write(`${USAGE}\n`);
  process.exit(1);
});
