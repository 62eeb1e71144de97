import { isDocument } from './unified-values.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * $type's names. The driver hands numbers back as JavaScript numbers, which no longer
 * tell int from long from a whole double: such a number passes for any type it could be.
 */
export function bsonTypeMatches(name: string, value: unknown): boolean {
  const bsonType = (value as { _bsontype?: string } | null | undefined)?._bsontype;
  if (typeof value === 'number') {
    if (name === 'double') return true;
    if (name === 'int') return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    if (name === 'long') return Number.isInteger(value);
    return false;
  }
  switch (name) {
    case 'double':
      return bsonType === 'Double';
    case 'int':
      return bsonType === 'Int32';
    case 'long':
      return bsonType === 'Long' || typeof value === 'bigint';
    case 'decimal':
      return bsonType === 'Decimal128';
    case 'string':
      return typeof value === 'string';
    case 'object':
      return isDocument(value);
    case 'array':
      return Array.isArray(value);
    case 'binData':
      return bsonType === 'Binary' || value instanceof Uint8Array;
    case 'objectId':
      return bsonType === 'ObjectId';
    case 'bool':
      return typeof value === 'boolean';
    case 'date':
      return value instanceof Date;
    case 'null':
      return value === null;
    case 'regex':
      return value instanceof RegExp || bsonType === 'BSONRegExp';
    case 'timestamp':
      return bsonType === 'Timestamp';
    case 'javascript':
    case 'javascriptWithScope':
      return bsonType === 'Code';
    case 'symbol':
      return bsonType === 'BSONSymbol';
    case 'minKey':
      return bsonType === 'MinKey';
    case 'maxKey':
      return bsonType === 'MaxKey';
    case 'dbPointer':
      return bsonType === 'DBRef';
    default:
      throw new Error(`unknown $$type name ${name}`);
  }
}
