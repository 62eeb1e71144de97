import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { booleanArg } from './command-args.js';

/**
 * Runs the statements of an insert/update/delete and collects per-statement failures as
 * writeErrors, stopping at the first one when the batch is ordered, as mongod does.
 */
export function runWriteBatch<T>(command: Document, statements: readonly T[], apply: (statement: T, index: number) => void): Document[] {
  const ordered = booleanArg(command, 'ordered', true);
  const writeErrors: Document[] = [];
  for (let index = 0; index < statements.length; index++) {
    try {
      apply(statements[index]!, index);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      writeErrors.push(error.toWriteError(index));
      if (ordered) break;
    }
  }
  return writeErrors;
}

export function writeReply(fields: Document, writeErrors: Document[]): Document {
  return { ...fields, ...(writeErrors.length > 0 ? { writeErrors } : {}), ok: 1 };
}
