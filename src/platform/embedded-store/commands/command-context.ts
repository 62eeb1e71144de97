import type { Document } from 'bson';
import type { CursorRegistry } from '../cursors/cursor-registry.js';
import type { Catalog } from '../engine/catalog.js';

export interface ConnectionInfo {
  readonly id: number;
  readonly remoteAddress: string;
}

export interface CommandContext {
  readonly catalog: Catalog;
  readonly cursors: CursorRegistry;
  readonly connection: ConnectionInfo;
  readonly startedAt: Date;
  readonly port: number;
}

/**
 * Handlers are synchronous on purpose: each command then runs atomically with respect to
 * every other connection, which is what makes single-document writes atomic here.
 */
export type CommandHandler = (command: Document, db: string, context: CommandContext) => Document;

export interface CommandDefinition {
  readonly run: CommandHandler;
  /** Fields the command accepts besides the generic ones; undefined accepts anything. */
  readonly fields?: readonly string[];
}

export type CommandTable = Readonly<Record<string, CommandDefinition>>;
