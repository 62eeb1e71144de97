import { once } from 'node:events';
import net from 'node:net';

export type LockServer = net.Server;
export type ProbeResult = 'alive' | 'dead' | 'gone';

/** A socket whose only job is to accept: that a connect succeeds is the whole message. */
export async function listenOn(path: string): Promise<LockServer> {
  const server = net.createServer((socket) => socket.destroy());
  server.listen(path);
  await once(server, 'listening');
  // The lock must not be what keeps a process or a thread alive.
  server.unref();
  return server;
}

export function stopListening(server: LockServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Refused means no process listens there any more; a missing file means its holder let go.
 * Any other failure (a full backlog, no permission) cannot tell, so it counts as alive:
 * refusing a start is recoverable, two stores on one journal are not.
 */
export function probe(path: string): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = net.connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve('alive');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      resolve(error.code === 'ECONNREFUSED' ? 'dead' : error.code === 'ENOENT' ? 'gone' : 'alive');
    });
  });
}
