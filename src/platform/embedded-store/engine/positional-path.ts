import type { Document } from 'bson';
import { Query } from 'mingo';
import { CommandError } from '../errors/command-error.js';
import { isPlainObject } from './index-keys.js';
import { withMingo } from './mingo-errors.js';
import { MINGO_OPTIONS } from './mingo-options.js';

const NOT_FOUND = 'The positional operator did not find the match needed from the query.';

export function usesPositional(update: Document): boolean {
  return Object.values(update).some((fields) => isPlainObject(fields) && Object.keys(fields).some((path) => path.split('.').includes('$')));
}

/**
 * The `$` positional stands for the index of the first element, of the array it follows,
 * that the query matched. The store puts that index in its place (`a.b.$.d` becomes
 * `a.b.1.d`) before applying the update: mingo finds the element only when the array is
 * a top-level field, and fails on one inside a subdocument.
 */
export function resolvePositional(doc: Document, update: Document, filter: Document | undefined): Document {
  const indexes = new Map<string, number>();
  const resolved: Document = {};
  for (const [operator, fields] of Object.entries(update)) {
    if (!isPlainObject(fields)) {
      resolved[operator] = fields;
      continue;
    }
    const paths: Document = {};
    for (const [path, value] of Object.entries(fields)) {
      paths[
        resolvePath(path, (array) => {
          let index = indexes.get(array);
          if (index === undefined) indexes.set(array, (index = matchedIndex(doc, array, filter)));
          return index;
        })
      ] = value;
    }
    resolved[operator] = paths;
  }
  return resolved;
}

function resolvePath(path: string, indexOf: (array: string) => number): string {
  const parts = path.split('.');
  const at = parts.indexOf('$');
  if (at === -1) return path;
  if (parts.lastIndexOf('$') !== at) throw new CommandError(2, `Too many positional (i.e. '$') elements found in path '${path}'`);
  if (at === 0) throw new CommandError(2, `Cannot have positional (i.e. '$') element in the first position in path '${path}'`);
  parts[at] = String(indexOf(parts.slice(0, at).join('.')));
  return parts.join('.');
}

/** The element is judged by the query's conditions on the array and on its elements' fields. */
function matchedIndex(doc: Document, array: string, filter: Document | undefined): number {
  const elements = valueAt(doc, array);
  const conditions = filter ? conditionsOn(filter, array) : [];
  if (!Array.isArray(elements) || conditions.length === 0) throw new CommandError(2, NOT_FOUND);
  const query = withMingo(() => new Query({ $and: conditions }, MINGO_OPTIONS));
  const index = elements.findIndex((element) => withMingo(() => query.test(nestedAt(array, [element]))));
  if (index === -1) throw new CommandError(2, NOT_FOUND);
  return index;
}

function conditionsOn(filter: Document, array: string): Document[] {
  const conditions: Document[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) conditions.push(...conditionsOn(clause, array));
    } else if (field === array || field.startsWith(`${array}.`)) {
      conditions.push({ [field]: condition });
    }
  }
  return conditions;
}

function valueAt(doc: Document, path: string): unknown {
  let value: unknown = doc;
  for (const name of path.split('.')) {
    if (Array.isArray(value) && /^\d+$/.test(name)) value = value[Number(name)];
    else if (isPlainObject(value)) value = value[name];
    else return undefined;
  }
  return value;
}

function nestedAt(path: string, value: unknown): Document {
  return path.split('.').reduceRight<unknown>((inner, name) => ({ [name]: inner }), value) as Document;
}
