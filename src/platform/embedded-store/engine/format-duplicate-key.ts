import type { Document } from 'bson';
import { isBsonValue } from './index-keys.js';

/** Renders `{ name: "x" }` the way mongod prints the dup key in an E11000 message. */
export function formatDuplicateKey(keyValue: Document): string {
  const fields = Object.entries(keyValue).map(([field, value]) => `${field}: ${formatValue(value)}`);
  return `{ ${fields.join(', ')} }`;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  if (isBsonValue(value)) {
    const typed = value as unknown as { toString(): string; toHexString?: () => string };
    if (value._bsontype === 'ObjectId' && typed.toHexString) return `ObjectId('${typed.toHexString()}')`;
    return `${value._bsontype}(${typed.toString()})`;
  }
  return formatDuplicateKey(value as Document);
}
