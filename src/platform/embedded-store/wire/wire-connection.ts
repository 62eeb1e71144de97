import type { Socket } from 'node:net';
import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import type { CommandContext } from '../commands/command-context.js';
import type { CommandDispatcher, Logger } from '../commands/command-dispatcher.js';
import { MessageFramer, WireFormatError, type RawMessage } from './message-framer.js';
import { decodeOpMsg, encodeOpMsg, OP_MSG } from './op-msg.js';
import { decodeOpQuery, encodeOpReply, OP_QUERY } from './op-query.js';

/** Commands a client may send as legacy OP_QUERY: the connection handshake only. */
const HANDSHAKE_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);

let lastRequestId = 0;
const nextRequestId = (): number => (lastRequestId = (lastRequestId + 1) & 0x7fffffff);

/**
 * One client socket. Messages are handled strictly one after another, so replies leave
 * in request order even when a write waits for the journal.
 */
export class WireConnection {
  private readonly framer: MessageFramer;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly dispatcher: CommandDispatcher,
    private readonly context: CommandContext,
    private readonly logger: Logger,
    maxMessageSize: number,
  ) {
    this.framer = new MessageFramer(maxMessageSize);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) =>
      this.logger.warn('embedded store: client socket error', { connection: context.connection.id, error: error.message }),
    );
  }

  /** Resolves once every message received so far has been answered. */
  drained(): Promise<void> {
    return this.queue;
  }

  private receive(chunk: Buffer): void {
    let messages: RawMessage[];
    try {
      messages = this.framer.push(chunk);
    } catch (error) {
      this.reject(error);
      return;
    }
    for (const message of messages) {
      this.queue = this.queue.then(() => this.handle(message)).catch((error: unknown) => this.reject(error));
    }
  }

  private async handle(message: RawMessage): Promise<void> {
    if (this.socket.destroyed) return;
    const { requestId } = message.header;
    switch (message.header.opCode) {
      case OP_MSG: {
        const request = decodeOpMsg(message);
        const reply = await this.dispatcher.execute(request.command, this.context);
        if (!request.moreToCome) this.send(encodeOpMsg(reply, nextRequestId(), requestId));
        return;
      }
      case OP_QUERY: {
        const request = decodeOpQuery(message);
        const reply = await this.legacyCommand(request.collection, request.command);
        this.send(encodeOpReply(reply, nextRequestId(), requestId));
        return;
      }
      default:
        throw new WireFormatError(`unsupported opCode ${message.header.opCode} (OP_COMPRESSED and legacy CRUD opcodes are not supported)`);
    }
  }

  private async legacyCommand(collection: string, command: Document): Promise<Document> {
    const name = Object.keys(command)[0] ?? '';
    if (!collection.endsWith('.$cmd') || !HANDSHAKE_COMMANDS.has(name)) {
      return new CommandError(352, `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`).toReply();
    }
    const db = collection.slice(0, -'.$cmd'.length);
    return this.dispatcher.execute({ ...command, $db: db }, this.context);
  }

  private send(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  private reject(error: unknown): void {
    this.logger.warn('embedded store: closing connection after a protocol error', {
      connection: this.context.connection.id,
      error: error instanceof Error ? error.message : String(error),
    });
    this.socket.destroy();
  }
}
