import type { Document } from 'bson';
import type { Catalog } from './catalog.js';
import type { Collection } from './collection.js';
import { isModifierDocument, updateDocument, type UpdateOutcome } from './update-document.js';
import { upsertSeed } from './upsert-seed.js';

/** Applies an update to one stored document and stores the result if anything changed. */
export function updateStored(
  collection: Collection,
  doc: Document,
  update: unknown,
  filter: Document,
  arrayFilters?: Document[],
): UpdateOutcome {
  const outcome = updateDocument(doc, update, { filter, ...(arrayFilters ? { arrayFilters } : {}) });
  if (outcome.changed) collection.replace(doc, outcome.doc);
  return outcome;
}

/**
 * The insert half of an upsert: a replacement keeps only the filter's _id, a modifier
 * update starts from the filter's equality fields and applies $setOnInsert too.
 */
export function upsertInsert(
  catalog: Catalog,
  db: string,
  name: string,
  filter: Document,
  update: unknown,
  arrayFilters?: Document[],
): Document {
  const seed = upsertSeed(filter);
  const modifiers = !Array.isArray(update) && typeof update === 'object' && update !== null && isModifierDocument(update as Document);
  const start = modifiers || Array.isArray(update) ? seed : seed._id === undefined ? {} : { _id: seed._id };
  const { doc } = updateDocument(start, update, { inserting: true, ...(arrayFilters ? { arrayFilters } : {}) });
  return catalog.ensureCollection(db, name).insert(doc);
}
