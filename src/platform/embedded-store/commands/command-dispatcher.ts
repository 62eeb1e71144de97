import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { checkFields } from './command-args.js';
import type { CommandContext, CommandTable } from './command-context.js';
import type { Logger } from '../engine/store-logger.js';

/** What the dispatcher needs from the journal: a position, and a promise that it is on disk. */
export interface WriteLog {
  /** Sequence number of the last record appended (0 when nothing was ever appended). */
  appendedSequence(): number;
  whenDurable(sequence: number): Promise<void>;
}

export type { Logger };

const TRANSACTION_FIELDS = ['txnNumber', 'startTransaction', 'autocommit'];

/**
 * Finds and runs the handler for a command and shapes the reply. A command that wrote
 * anything is answered only once its journal records are durable: an acknowledged write
 * survives a crash.
 */
export class CommandDispatcher {
  constructor(
    private readonly commands: CommandTable,
    private readonly writeLog: WriteLog,
    private readonly logger: Logger,
  ) {}

  async execute(command: Document, context: CommandContext): Promise<Document> {
    const before = this.writeLog.appendedSequence();
    let reply: Document;
    try {
      reply = this.run(command, context);
    } catch (error) {
      reply = this.failure(error, command);
    }
    const after = this.writeLog.appendedSequence();
    if (after !== before) {
      try {
        await this.writeLog.whenDurable(after);
      } catch (error) {
        this.logger.error('embedded store: journal write failed', { error: String(error) });
        return new CommandError(1, `write could not be made durable: ${String(error)}`).toReply();
      }
    }
    return reply;
  }

  private run(command: Document, context: CommandContext): Document {
    const name = Object.keys(command)[0] ?? '';
    const definition = Object.hasOwn(this.commands, name) ? this.commands[name] : undefined;
    if (!definition) throw new CommandError(59, `no such command: '${name}'`);
    if (TRANSACTION_FIELDS.some((field) => field in command)) {
      throw new CommandError(20, 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    const db: unknown = command.$db;
    if (typeof db !== 'string' || db === '') throw new CommandError(40571, 'OP_MSG requests require a $db argument');
    if (definition.fields) checkFields(command, definition.fields);
    return definition.run(command, db, context);
  }

  private failure(error: unknown, command: Document): Document {
    if (error instanceof CommandError) return error.toReply();
    this.logger.error('embedded store: command failed unexpectedly', { command: Object.keys(command)[0], error: String(error) });
    return new CommandError(1, error instanceof Error ? error.message : String(error)).toReply();
  }
}
