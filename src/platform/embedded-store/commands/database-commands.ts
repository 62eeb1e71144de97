import { CommandError } from '../errors/command-error.js';
import { compileFilter } from '../engine/document-query.js';
import { withMingo } from '../engine/mingo-errors.js';
import { estimateDataSize } from '../engine/size-estimate.js';
import { booleanArg, documentArg, numberArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';

export const listDatabasesCommand: CommandDefinition = {
  fields: ['filter', 'nameOnly', 'authorizedDatabases'],
  run(command, db, { catalog }) {
    if (db !== 'admin') throw new CommandError(13, 'listDatabases may only be run against the admin database.');
    const filter = compileFilter(documentArg(command, 'filter') ?? {});
    const nameOnly = booleanArg(command, 'nameOnly');
    const databases = catalog
      .databaseNames()
      .map((name) => ({
        name,
        sizeOnDisk: catalog.collectionsOf(name).reduce((total, collection) => total + estimateDataSize(collection), 0),
      }))
      .filter((entry) => withMingo(() => filter.test(entry)));
    if (nameOnly) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
    const totalSize = databases.reduce((total, entry) => total + entry.sizeOnDisk, 0);
    return {
      databases: databases.map((entry) => ({ ...entry, empty: entry.sizeOnDisk === 0 })),
      totalSize,
      totalSizeMb: Math.floor(totalSize / (1024 * 1024)),
      ok: 1,
    };
  },
};

export const dropDatabaseCommand: CommandDefinition = {
  fields: [],
  run(_command, db, { catalog }) {
    catalog.dropDatabase(db);
    return { dropped: db, ok: 1 };
  },
};

export const dbStatsCommand: CommandDefinition = {
  fields: ['scale', 'freeStorage'],
  run(command, db, { catalog }) {
    const scale = Math.max(1, numberArg(command, 'scale', 1));
    const collections = catalog.collectionsOf(db);
    const objects = collections.reduce((total, collection) => total + collection.docs.size, 0);
    const dataSize = collections.reduce((total, collection) => total + estimateDataSize(collection), 0);
    const indexes = collections.reduce((total, collection) => total + collection.indexSpecs().length, 0);
    return {
      db,
      collections: collections.length,
      views: 0,
      objects,
      avgObjSize: objects ? Math.round(dataSize / objects) : 0,
      dataSize: Math.floor(dataSize / scale),
      storageSize: Math.floor(dataSize / scale),
      indexes,
      scaleFactor: scale,
      ok: 1,
    };
  },
};
