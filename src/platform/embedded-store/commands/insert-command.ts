import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { isPlainObject } from '../engine/index-keys.js';
import { arrayArg, collectionArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';
import { runWriteBatch, writeReply } from './write-batch.js';

export const insertCommand: CommandDefinition = {
  fields: ['documents', 'ordered', 'bypassDocumentValidation'],
  run(command, db, { catalog }) {
    const documents = arrayArg(command, 'documents');
    const collection = catalog.ensureCollection(db, collectionArg(command));
    let n = 0;
    const writeErrors = runWriteBatch(command, documents, (doc) => {
      if (!isPlainObject(doc)) throw new CommandError(14, 'documents to insert must be objects');
      collection.insert(doc as Document);
      n++;
    });
    return writeReply({ n }, writeErrors);
  },
};
