import { createServer, type Server, type Socket } from 'node:net';
import type { CommandContext } from '../commands/command-context.js';
import type { CommandDispatcher, Logger } from '../commands/command-dispatcher.js';
import { MAX_MESSAGE_SIZE_BYTES } from '../commands/handshake-commands.js';
import { WireConnection } from './wire-connection.js';

type ContextFor = (connection: { id: number; remoteAddress: string }) => CommandContext;

/** How long close() lets in-flight requests finish before cutting sockets. */
const CLOSE_GRACE_MS = 2000;

/** TCP listener speaking the MongoDB wire protocol; one WireConnection per client socket. */
export class WireServer {
  private readonly server: Server;
  private readonly connections = new Map<Socket, WireConnection>();
  private nextConnectionId = 1;

  constructor(dispatcher: CommandDispatcher, contextFor: ContextFor, logger: Logger) {
    this.server = createServer((socket) => {
      const id = this.nextConnectionId++;
      const context = contextFor({ id, remoteAddress: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}` });
      this.connections.set(socket, new WireConnection(socket, dispatcher, context, logger, MAX_MESSAGE_SIZE_BYTES));
      socket.on('close', () => this.connections.delete(socket));
    });
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host, port }, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Stops accepting, lets each connection answer what it already received, then ends it. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all(
      [...this.connections].map(async ([socket, connection]) => {
        const timer = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
        await connection.drained();
        clearTimeout(timer);
        socket.destroySoon();
      }),
    );
    await closed;
  }
}
