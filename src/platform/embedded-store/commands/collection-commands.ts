import { CommandError } from '../errors/command-error.js';
import { compileFilter } from '../engine/document-query.js';
import { ID_INDEX_SPEC } from '../engine/index-spec.js';
import { withMingo } from '../engine/mingo-errors.js';
import { estimateDataSize } from '../engine/size-estimate.js';
import { booleanArg, collectionArg, documentArg, namespaceOf, numberArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';
import { cursorReply, DEFAULT_FIRST_BATCH } from './cursor-reply.js';

/** mongod's collection options; none is implemented, so each is refused by name rather than dropped. */
const COLLECTION_OPTIONS = [
  'capped',
  'size',
  'max',
  'validator',
  'validationLevel',
  'validationAction',
  'timeseries',
  'expireAfterSeconds',
  'clusteredIndex',
  'viewOn',
  'pipeline',
  'changeStreamPreAndPostImages',
  'storageEngine',
  'indexOptionDefaults',
  'autoIndexId',
  'encryptedFields',
];

export const createCommand: CommandDefinition = {
  fields: COLLECTION_OPTIONS,
  run(command, db, { catalog }) {
    const option = COLLECTION_OPTIONS.find((name) => command[name] !== undefined);
    if (option) throw new CommandError(2, `collection option '${option}' is not supported by the embedded store`);
    catalog.createCollection(db, collectionArg(command));
    return { ok: 1 };
  },
};

export const dropCommand: CommandDefinition = {
  fields: [],
  run(command, db, { catalog }) {
    const name = collectionArg(command);
    const dropped = catalog.dropCollection(db, name);
    // Since MongoDB 7.0 dropping a missing collection succeeds.
    return { ns: namespaceOf(db, name), nIndexesWas: dropped?.indexSpecs().length ?? 0, ok: 1 };
  },
};

export const listCollectionsCommand: CommandDefinition = {
  fields: ['filter', 'nameOnly', 'authorizedCollections', 'cursor'],
  run(command, db, { catalog, cursors }) {
    const nameOnly = booleanArg(command, 'nameOnly');
    const filter = compileFilter(documentArg(command, 'filter') ?? {});
    const entries = catalog.collectionsOf(db).map((collection) =>
      nameOnly
        ? { name: collection.name, type: 'collection' }
        : {
            name: collection.name,
            type: 'collection',
            options: {},
            info: { readOnly: false, uuid: collection.uuid },
            idIndex: ID_INDEX_SPEC,
          },
    );
    const matching = entries.filter((entry) => withMingo(() => filter.test(entry)));
    const namespace = namespaceOf(db, '$cmd.listCollections');
    const batchSize = numberArg(documentArg(command, 'cursor') ?? {}, 'batchSize', DEFAULT_FIRST_BATCH);
    return cursorReply(namespace, cursors.open(namespace, matching.values(), batchSize), true);
  },
};

export const collStatsCommand: CommandDefinition = {
  fields: ['scale'],
  run(command, db, { catalog }) {
    const name = collectionArg(command);
    const collection = catalog.getCollection(db, name);
    if (!collection) throw new CommandError(26, `Collection [${namespaceOf(db, name)}] not found.`);
    const scale = Math.max(1, numberArg(command, 'scale', 1));
    const size = estimateDataSize(collection);
    const count = collection.docs.size;
    return {
      ns: namespaceOf(db, name),
      count,
      size: Math.floor(size / scale),
      avgObjSize: count ? Math.round(size / count) : 0,
      storageSize: Math.floor(size / scale),
      nindexes: collection.indexSpecs().length,
      scaleFactor: scale,
      ok: 1,
    };
  },
};
