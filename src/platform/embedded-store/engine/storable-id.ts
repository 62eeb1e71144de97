import { CommandError } from '../errors/command-error.js';
import { isPlainObject } from './index-keys.js';

/**
 * MongoDB refuses an _id holding a $-prefixed field name at any depth (code 52), though it
 * stores such names elsewhere in a document since 5.0. A DBRef ($ref, $id) arrives decoded
 * as a DBRef, not as a plain object, and passes.
 */
export function checkStorableId(id: unknown): void {
  const field = dollarPrefixedField(id);
  if (field !== undefined) throw new CommandError(52, `_id fields may not contain '$'-prefixed fields: ${field} is not valid for storage.`);
}

function dollarPrefixedField(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const element of value) {
      const found = dollarPrefixedField(element);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  for (const [name, inner] of Object.entries(value)) {
    if (name.startsWith('$')) return name;
    const found = dollarPrefixedField(inner);
    if (found !== undefined) return found;
  }
  return undefined;
}
