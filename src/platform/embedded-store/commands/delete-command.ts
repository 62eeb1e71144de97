import { CommandError } from '../errors/command-error.js';
import { matchingList } from '../engine/document-query.js';
import { isPlainObject } from '../engine/index-keys.js';
import { arrayArg, checkFields, collectionArg, documentArg, numberArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';
import { runWriteBatch, writeReply } from './write-batch.js';

const STATEMENT_FIELDS = ['q', 'limit', 'hint'];

export const deleteCommand: CommandDefinition = {
  fields: ['deletes', 'ordered'],
  run(command, db, { catalog }) {
    const name = collectionArg(command);
    let n = 0;
    const statements = arrayArg(command, 'deletes');
    // As for update: an unknown field fails the whole command, before any delete.
    for (const statement of statements) if (isPlainObject(statement)) checkFields(statement, STATEMENT_FIELDS, 'delete.deletes');
    const writeErrors = runWriteBatch(command, statements, (raw) => {
      if (!isPlainObject(raw)) throw new CommandError(14, 'delete statements must be objects');
      const statement = raw;
      const limit = numberArg(statement, 'limit', 0);
      if (limit !== 0 && limit !== 1) throw new CommandError(9, 'The limit field in delete objects must be 0 or 1. Got ' + String(limit));
      const collection = catalog.getCollection(db, name);
      for (const doc of matchingList(collection, documentArg(statement, 'q') ?? {}, limit === 1 ? 1 : Infinity)) {
        collection!.remove(doc);
        n++;
      }
    });
    return writeReply({ n }, writeErrors);
  },
};
