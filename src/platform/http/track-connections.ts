import type { Server } from 'node:http';

/**
 * Graceful close of an HTTP server: stop accepting, let requests in flight finish,
 * and close idle keep-alive sockets so `close()` does not wait for clients to hang up.
 */
export function trackConnections(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Sockets that finish their response after this point are closed by Node's
      // keep-alive handling, because the server no longer listens.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      server.once('close', () => clearInterval(sweep));
    });
}
