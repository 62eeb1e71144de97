import type { Logger } from './store-logger.js';
import type { Catalog } from './catalog.js';

/**
 * Deletes expired documents on a timer, like mongod's TTL monitor (which runs every 60 s;
 * ours is cheaper per run, since each collection keeps a heap of expiry times, so it can run
 * more often). Unref'd: it never keeps the process alive.
 */
export function startTtlSweeper(catalog: Catalog, intervalMs: number, logger: Logger): () => void {
  const timer = setInterval(() => {
    try {
      const now = Date.now();
      for (const collection of catalog.allCollections()) collection.sweepExpired(now);
    } catch (error) {
      logger.error('embedded store: TTL sweep failed', { error: String(error) });
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
