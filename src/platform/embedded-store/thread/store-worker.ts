/**
 * Entry of the embedded store's worker thread (started by store-thread.ts): runs the
 * store's server on this thread's event loop, so decoding, journalling and encoding
 * replies do not compete with the HTTP API on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Logger } from '../commands/command-dispatcher.js';
import { startEmbeddedStoreInThread } from '../in-thread-store.js';
import { errorFields, type FromStoreThread, type LogLevel, type StoreThreadOptions, type ToStoreThread } from './thread-messages.js';

if (!parentPort) throw new Error('store-worker runs as a worker thread; call startEmbeddedStore instead');
const parent = parentPort;
const post = (message: FromStoreThread): void => parent.postMessage(message);

function log(level: LogLevel, message: string, meta?: Record<string, unknown>): void {
  try {
    post({ kind: 'log', level, message, ...(meta ? { meta } : {}) });
  } catch {
    // Metadata that cannot be cloned (a function, a socket) must not cost the line itself.
    post({ kind: 'log', level, message, meta: { detail: String(meta) } });
  }
}

const logger: Logger = {
  info: (message, meta) => log('info', message, meta),
  warn: (message, meta) => log('warn', message, meta),
  error: (message, meta) => log('error', message, meta),
};

try {
  const store = await startEmbeddedStoreInThread({ ...(workerData as StoreThreadOptions), logger });
  parent.on('message', (message: ToStoreThread) => {
    if (message.kind !== 'close') return;
    store.close().then(
      () => post({ kind: 'closed' }),
      (error: unknown) => post({ kind: 'close-failed', error: errorFields(error) }),
    );
  });
  post({ kind: 'ready', uri: store.uri, port: store.port });
} catch (error) {
  // Nothing else holds this thread open: it ends after reporting.
  post({ kind: 'failed', error: errorFields(error) });
}
