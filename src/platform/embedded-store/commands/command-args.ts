import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { isBsonValue, isPlainObject } from '../engine/index-keys.js';

/** Options that would change results and that this store does not support: refused, never ignored. */
const UNSUPPORTED_FIELDS = new Set([
  'collation',
  'let',
  'tailable',
  'awaitData',
  'returnKey',
  'showRecordId',
  'min',
  'max',
  'oplogReplay',
  'readOnce',
  'encryptionInformation',
  '$_requestResumeToken',
  '$_resumeAfter',
]);

/** Envelope fields any command may carry (sessions, read/write concern, server API, tracing). */
const GENERIC_FIELDS = new Set([
  '$db',
  'lsid',
  '$clusterTime',
  '$readPreference',
  'readConcern',
  'writeConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

/** Checks a command's fields, or with `within` (e.g. 'update.updates') those of one statement. */
export function checkFields(command: Document, allowed: readonly string[], within?: string): void {
  const keys = Object.keys(command);
  const label = within ?? keys[0];
  for (const field of within ? keys : keys.slice(1)) {
    if (allowed.includes(field) || (!within && GENERIC_FIELDS.has(field))) continue;
    if (UNSUPPORTED_FIELDS.has(field)) throw new CommandError(2, `'${field}' is not supported by the embedded store`);
    throw new CommandError(40415, `BSON field '${label}.${field}' is an unknown field.`);
  }
}

export function collectionArg(command: Document): string {
  const [name] = Object.keys(command);
  const value: unknown = command[name!];
  if (typeof value !== 'string') throw new CommandError(73, `collection name has invalid type ${typeName(value)}`);
  return value;
}

export function documentArg(command: Document, field: string): Document | undefined {
  const value: unknown = command[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw wrongType(command, field, value, 'object');
  return value;
}

export function arrayArg(command: Document, field: string): unknown[] {
  const value: unknown = command[field];
  if (!Array.isArray(value)) throw wrongType(command, field, value, 'array');
  return value;
}

export function numberArg(command: Document, field: string, fallback: number): number {
  const value: unknown = command[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  if (isBsonValue(value) && value._bsontype === 'Long') return Number(value.toString());
  throw wrongType(command, field, value, 'number');
}

export function booleanArg(command: Document, field: string, fallback = false): boolean {
  const value: unknown = command[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  throw wrongType(command, field, value, 'bool');
}

export function namespaceOf(db: string, collection: string): string {
  return `${db}.${collection}`;
}

function wrongType(command: Document, field: string, value: unknown, expected: string): CommandError {
  const [name] = Object.keys(command);
  return new CommandError(14, `BSON field '${name}.${field}' is the wrong type '${typeName(value)}', expected type '${expected}'`);
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isBsonValue(value)) return value._bsontype.toLowerCase();
  return typeof value === 'number' ? 'double' : typeof value;
}
