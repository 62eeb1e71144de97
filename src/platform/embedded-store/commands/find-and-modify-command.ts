import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import type { Collection } from '../engine/collection.js';
import { compileFilter } from '../engine/document-query.js';
import { withMingo } from '../engine/mingo-errors.js';
import { candidateDocuments } from '../engine/query-planner.js';
import { updateStored, upsertInsert } from '../engine/write-operations.js';
import { booleanArg, collectionArg, documentArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';
import { checkSort } from './find-command.js';

export const findAndModifyCommand: CommandDefinition = {
  fields: ['query', 'sort', 'remove', 'update', 'new', 'fields', 'upsert', 'arrayFilters', 'bypassDocumentValidation', 'hint'],
  run(command, db, { catalog }) {
    const name = collectionArg(command);
    const filter = documentArg(command, 'query') ?? {};
    const remove = booleanArg(command, 'remove');
    const returnNew = booleanArg(command, 'new');
    const upsert = booleanArg(command, 'upsert');
    const update: unknown = command.update;
    const arrayFilters = command.arrayFilters as Document[] | undefined;
    if (remove && update !== undefined) throw new CommandError(9, 'Cannot specify both an update and remove=true');
    if (!remove && update === undefined) throw new CommandError(9, 'Either an update or remove=true must be specified');
    if (remove && (returnNew || upsert)) throw new CommandError(9, 'Cannot specify both new=true or upsert=true and remove=true');
    const project = projector(documentArg(command, 'fields'));
    const collection = catalog.getCollection(db, name);
    const match = firstMatch(collection, filter, documentArg(command, 'sort'));
    if (remove) {
      if (match) collection!.remove(match);
      return { lastErrorObject: { n: match ? 1 : 0 }, value: match ? project(match) : null, ok: 1 };
    }
    if (match) {
      const { doc } = updateStored(collection!, match, update, filter, arrayFilters);
      return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(returnNew ? doc : match), ok: 1 };
    }
    if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const inserted = upsertInsert(catalog, db, name, filter, update, arrayFilters);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted._id },
      value: returnNew ? project(inserted) : null,
      ok: 1,
    };
  },
};

function firstMatch(collection: Collection | undefined, filter: Document, sort: Document | undefined): Document | undefined {
  if (!collection) return undefined;
  const cursor = withMingo(() => compileFilter(filter).find<Document>(candidateDocuments(collection, filter), {}));
  if (sort) cursor.sort(checkSort(sort));
  return withMingo(() => (cursor.hasNext() ? cursor.next() : undefined));
}

function projector(fields: Document | undefined): (doc: Document) => Document {
  if (!fields || Object.keys(fields).length === 0) return (doc) => doc;
  const query = compileFilter({}, true);
  return (doc) => withMingo(() => query.find<Document>([doc], fields).next());
}
