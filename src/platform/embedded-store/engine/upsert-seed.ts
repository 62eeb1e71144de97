import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { cloneDocument } from './clone-document.js';
import { isPlainObject } from './index-keys.js';

/**
 * The document an upsert starts from: the filter's equality fields ({a: 1}, {a: {$eq: 1}},
 * {"b.c": 2}, and the same inside $and), as MongoDB seeds it before applying the update.
 */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  addEqualities(filter, seed);
  return seed;
}

function addEqualities(filter: Document, seed: Document): void {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) addEqualities(clause, seed);
      continue;
    }
    if (field.startsWith('$')) continue;
    if (isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'))) {
      if ('$eq' in condition) setPath(seed, field, condition.$eq);
      continue;
    }
    setPath(seed, field, condition);
  }
}

function setPath(target: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Document = target;
  for (const part of parts.slice(0, -1)) {
    const next: unknown = node[part];
    if (next === undefined) node = node[part] = {};
    else if (isPlainObject(next)) node = next;
    else throw new CommandError(54, `cannot infer query fields to set, path '${path}' is matched twice`);
  }
  const last = parts[parts.length - 1]!;
  if (last in node) throw new CommandError(54, `cannot infer query fields to set, path '${path}' is matched twice`);
  node[last] = cloneDocument(value);
}
