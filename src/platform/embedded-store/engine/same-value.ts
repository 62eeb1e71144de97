import { BSON } from 'bson';
import { isBsonValue } from './index-keys.js';

/**
 * Whether two values would serialize to the same BSON bytes: MongoDB counts a write as
 * a modification only when the document's bytes change. Field order counts, as it does
 * in BSON; 1 and 1.0 are one JS number and one BSON int32 here; -0 differs from 0.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((element, i) => sameValue(element, b[i]));
  if (Array.isArray(b)) return false;
  if (a instanceof Date) return b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (a instanceof RegExp) return b instanceof RegExp && a.source === b.source && a.flags === b.flags;
  if (isBsonValue(a) || isBsonValue(b) || ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return sameBytes(a, b);
  if (b instanceof Date || b instanceof RegExp) return false;
  return sameFields(a as Record<string, unknown>, b as Record<string, unknown>);
}

function sameFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key, i) => key === keysB[i] && sameValue(a[key], b[key]));
}

function sameBytes(a: unknown, b: unknown): boolean {
  return Buffer.from(BSON.serialize({ v: a })).equals(BSON.serialize({ v: b }));
}
