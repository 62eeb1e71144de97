import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import type { Collection } from '../engine/collection.js';
import { isPlainObject } from '../engine/index-keys.js';
import { parseIndexSpec, type IndexSpec } from '../engine/index-spec.js';
import { arrayArg, collectionArg, documentArg, namespaceOf, numberArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';
import { cursorReply, DEFAULT_FIRST_BATCH } from './cursor-reply.js';

export const createIndexesCommand: CommandDefinition = {
  fields: ['indexes', 'commitQuorum'],
  run(command, db, { catalog }) {
    const name = collectionArg(command);
    const specs = arrayArg(command, 'indexes').map((raw) => {
      if (!isPlainObject(raw)) throw new CommandError(14, 'index specifications must be objects');
      return parseIndexSpec(raw);
    });
    const existed = catalog.getCollection(db, name) !== undefined;
    const collection = catalog.ensureCollection(db, name);
    const before = collection.indexSpecs().length;
    createAll(collection, specs);
    const after = collection.indexSpecs().length;
    return {
      createdCollectionAutomatically: !existed,
      numIndexesBefore: before,
      numIndexesAfter: after,
      ...(before === after ? { note: 'all indexes already exist' } : {}),
      ok: 1,
    };
  },
};

/** All or nothing, like mongod: a failing spec (say, duplicates under a new unique index) undoes the others. */
function createAll(collection: Collection, specs: IndexSpec[]): void {
  const created: string[] = [];
  try {
    for (const spec of specs) if (collection.createIndex(spec)) created.push(spec.name);
  } catch (error) {
    for (const name of created) collection.dropIndex(name);
    throw error;
  }
}

export const listIndexesCommand: CommandDefinition = {
  fields: ['cursor'],
  run(command, db, { catalog, cursors }) {
    const name = collectionArg(command);
    const collection = catalog.getCollection(db, name);
    if (!collection) throw new CommandError(26, `ns does not exist: ${namespaceOf(db, name)}`);
    const namespace = namespaceOf(db, name);
    const batchSize = numberArg(documentArg(command, 'cursor') ?? {}, 'batchSize', DEFAULT_FIRST_BATCH);
    return cursorReply(namespace, cursors.open(namespace, collection.indexSpecs().values(), batchSize), true);
  },
};

export const dropIndexesCommand: CommandDefinition = {
  fields: ['index'],
  run(command, db, { catalog }) {
    const name = collectionArg(command);
    const collection = catalog.getCollection(db, name);
    if (!collection) throw new CommandError(26, `ns not found ${namespaceOf(db, name)}`);
    const nIndexesWas = collection.indexSpecs().length;
    for (const indexName of indexNamesToDrop(collection, command.index)) collection.dropIndex(indexName);
    return { nIndexesWas, ok: 1 };
  },
};

function indexNamesToDrop(collection: Collection, index: unknown): string[] {
  if (index === '*')
    return collection
      .indexSpecs()
      .slice(1)
      .map((spec) => spec.name);
  if (typeof index === 'string') return [index];
  if (Array.isArray(index) && index.every((name) => typeof name === 'string')) return index as string[];
  if (isPlainObject(index)) {
    const found = collection.findIndexByKey(index as Document);
    if (!found) throw new CommandError(27, `can't find index with key: ${JSON.stringify(index)}`);
    return [found.spec.name];
  }
  throw new CommandError(14, "BSON field 'dropIndexes.index' must be a string, an array of strings or a key pattern");
}
