import net from 'node:net';
import { once } from 'node:events';

/**
 * A loopback TCP server that accepts connections and never says a word: from a
 * client's side, what a RabbitMQ out of file descriptors looks like (the kernel
 * completes the TCP handshake, the broker never takes the connection).
 */
export async function startSilentTcpServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // Reads and drops what the client sends: a paused socket would not notice the client hang up.
    socket.resume();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    /** How many connections it holds open now. */
    get connections() {
      return sockets.size;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
