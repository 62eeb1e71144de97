import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../commands/command-dispatcher.js';
import type { EmbeddedStore, EmbeddedStoreOptions } from '../embedded-store.js';
import { checkLoopback } from '../in-thread-store.js';
import { typeScriptBootstrap } from './typescript-bootstrap.js';
import { reviveError, type FromStoreThread, type StoreThreadOptions, type ToStoreThread } from './thread-messages.js';

/** The worker's entry beside this module, with this module's extension: `.ts` from source under tsx, `.js` from dist/. */
const EXTENSION = extname(fileURLToPath(import.meta.url));
const WORKER_FILE = new URL(`./store-worker${EXTENSION}`, import.meta.url);
const SILENT: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

type Phase = 'starting' | 'running' | 'closing' | 'closed';

/**
 * Starts the store's server on a worker thread and answers once it listens. The store's
 * log lines come back through `options.logger`. A failure of the thread while the store
 * runs is logged and then thrown on this thread, so it ends the process as it did when
 * the store ran on the main thread: a service must not go on answering without its store.
 */
export async function startEmbeddedStoreInWorker(options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  checkLoopback(options.host ?? '127.0.0.1');
  const { logger = SILENT, ...rest } = options;
  const threadOptions: StoreThreadOptions = rest;
  const worker =
    EXTENSION === '.ts'
      ? new Worker(typeScriptBootstrap(WORKER_FILE), { eval: true, workerData: threadOptions, name: 'embedded-store' })
      : new Worker(WORKER_FILE, { workerData: threadOptions, name: 'embedded-store' });
  let phase: Phase = 'starting';
  let closing: Promise<void> | undefined;
  let settleClose: ((error?: Error) => void) | undefined;

  return new Promise<EmbeddedStore>((resolveStart, rejectStart) => {
    const fail = (error: Error): void => {
      switch (phase) {
        case 'starting':
          phase = 'closed';
          rejectStart(error);
          void worker.terminate();
          return;
        case 'closing':
          settleClose?.(error);
          return;
        case 'running':
          phase = 'closed';
          logger.error("embedded store: the store's thread failed", { error: error.message });
          throw error;
        case 'closed':
          return;
      }
    };

    worker.on('message', (message: FromStoreThread) => {
      switch (message.kind) {
        case 'log':
          logger[message.level](message.message, message.meta);
          return;
        case 'ready':
          phase = 'running';
          resolveStart({ uri: message.uri, port: message.port, close });
          return;
        case 'failed':
          fail(reviveError(message.error));
          return;
        case 'closed':
          settleClose?.();
          return;
        case 'close-failed':
          settleClose?.(reviveError(message.error));
          return;
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the embedded store's thread exited (code ${code})`)));
  });

  function close(): Promise<void> {
    closing ??=
      phase === 'closed'
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            phase = 'closing';
            settleClose = (error) => (error ? reject(error) : resolve());
            worker.postMessage({ kind: 'close' } satisfies ToStoreThread);
          }).finally(() => {
            // The store has flushed its journal and released its directory: ending the thread loses nothing.
            phase = 'closed';
            return worker.terminate();
          });
    return closing;
  }
}
