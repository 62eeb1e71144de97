import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { matchingList } from '../engine/document-query.js';
import { isPlainObject } from '../engine/index-keys.js';
import { isModifierDocument } from '../engine/update-document.js';
import { updateStored, upsertInsert } from '../engine/write-operations.js';
import { arrayArg, booleanArg, checkFields, collectionArg, documentArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';
import { runWriteBatch, writeReply } from './write-batch.js';

const STATEMENT_FIELDS = ['q', 'u', 'multi', 'upsert', 'arrayFilters', 'hint', 'upsertSupplied'];

export const updateCommand: CommandDefinition = {
  fields: ['updates', 'ordered', 'bypassDocumentValidation'],
  run(command, db, { catalog }) {
    const name = collectionArg(command);
    const statements = arrayArg(command, 'updates');
    // mongod parses the whole command before it runs any statement: an unknown field fails
    // the command (a server error), where a bad value fails only its own write.
    for (const statement of statements) if (isPlainObject(statement)) checkFields(statement, STATEMENT_FIELDS, 'update.updates');
    let n = 0;
    let nModified = 0;
    const upserted: Document[] = [];
    const writeErrors = runWriteBatch(command, statements, (raw, index) => {
      if (!isPlainObject(raw)) throw new CommandError(14, 'update statements must be objects');
      const statement = raw;
      const filter = documentArg(statement, 'q') ?? {};
      const update: unknown = statement.u;
      const multi = booleanArg(statement, 'multi');
      const arrayFilters = statement.arrayFilters as Document[] | undefined;
      if (multi && isPlainObject(update) && !isModifierDocument(update)) {
        throw new CommandError(9, 'multi update is not supported for replacement-style update');
      }
      const collection = catalog.getCollection(db, name);
      const matches = matchingList(collection, filter, multi ? Infinity : 1);
      if (matches.length === 0 && booleanArg(statement, 'upsert')) {
        const doc = upsertInsert(catalog, db, name, filter, update, arrayFilters);
        upserted.push({ index, _id: doc._id });
        n++;
        return;
      }
      for (const doc of matches) {
        if (updateStored(collection!, doc, update, filter, arrayFilters).changed) nModified++;
        n++;
      }
    });
    return writeReply({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, writeErrors);
  },
};
