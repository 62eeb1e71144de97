import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { matchingDocuments } from '../engine/document-query.js';
import { EMPTY_ARRAY, encodeKeyValue, valuesAtPath } from '../engine/index-keys.js';
import { collectionArg, documentArg, numberArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';

export const countCommand: CommandDefinition = {
  fields: ['query', 'limit', 'skip', 'hint'],
  run(command, db, { catalog }) {
    const collection = catalog.getCollection(db, collectionArg(command));
    const query = documentArg(command, 'query') ?? {};
    const skip = Math.max(0, numberArg(command, 'skip', 0));
    const limit = Math.abs(numberArg(command, 'limit', 0)) || Infinity;
    let total = 0;
    if (!collection) total = 0;
    else if (Object.keys(query).length === 0) total = collection.docs.size;
    else for (const _ of matchingDocuments(collection, query)) total++;
    return { n: Math.min(Math.max(0, total - skip), limit), ok: 1 };
  },
};

export const distinctCommand: CommandDefinition = {
  fields: ['key', 'query', 'hint'],
  run(command, db, { catalog }) {
    const key: unknown = command.key;
    if (typeof key !== 'string' || key === '') throw new CommandError(14, "BSON field 'distinct.key' must be a non-empty string");
    const collection = catalog.getCollection(db, collectionArg(command));
    const parts = key.split('.');
    const values = new Map<string, unknown>();
    for (const doc of matchingDocuments(collection, documentArg(command, 'query') ?? {})) {
      for (const value of valuesAtPath(doc, parts)) {
        if (value === EMPTY_ARRAY) continue;
        const encoded = encodeKeyValue(value);
        if (!values.has(encoded)) values.set(encoded, value);
      }
    }
    return { values: [...values.values()], ok: 1 } satisfies Document;
  },
};
