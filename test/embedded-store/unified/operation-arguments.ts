import type { Doc } from './unified-format.js';
import { plainValues } from './unified-values.js';
import { toReadPreference } from './entity-map.js';

/** Options the driver checks as JavaScript values; everything else goes to the server as written. */
const PLAIN_OPTIONS = new Set([
  'sort',
  'batchSize',
  'limit',
  'skip',
  'maxTimeMS',
  'ordered',
  'upsert',
  'bypassDocumentValidation',
  'allowDiskUse',
  'unique',
  'writeConcern',
  'readConcern',
  'verboseResults',
  'returnDocument',
  'rawData',
]);
/** Options passed through as they are (documents the server reads, or any BSON value for comment). */
const RAW_OPTIONS = new Set(['hint', 'collation', 'let', 'comment', 'projection', 'arrayFilters', 'viewOn', 'pipeline', 'validator']);

/**
 * Splits an operation's arguments into the named ones and the driver options, refusing
 * any argument the runner does not know (the format asks a runner to raise an error
 * rather than drop it).
 */
export function takeArguments(args: Doc | undefined, named: readonly string[]): { named: Doc; options: Doc } {
  const taken: Doc = {};
  const options: Doc = {};
  for (const [key, value] of Object.entries(args ?? {})) {
    if (named.includes(key)) taken[key] = value;
    else if (PLAIN_OPTIONS.has(key)) options[key] = plainOption(key, value);
    else if (key === 'readPreference') options[key] = toReadPreference(plainValues(value) as Doc);
    else if (RAW_OPTIONS.has(key)) options[key] = value;
    else throw new Error(`the runner does not support the argument ${key}`);
  }
  return { named: taken, options };
}

function plainOption(key: string, value: unknown): unknown {
  if (key !== 'returnDocument') return plainValues(value);
  const direction = String(value).toLowerCase();
  if (direction !== 'after' && direction !== 'before') throw new Error(`returnDocument is Before or After, not ${String(value)}`);
  return direction;
}

/** A bulkWrite request's model ({updateOne: {filter, update, upsert...}}) in the driver's shape. */
export function toWriteModel(request: Doc): Doc {
  const [type, ...more] = Object.keys(request);
  if (!type || more.length > 0) throw new Error('a write model has exactly one type');
  const model = request[type] as Doc;
  const converted = Object.fromEntries(
    Object.entries(model).map(([key, value]) => [key, PLAIN_OPTIONS.has(key) ? plainValues(value) : value]),
  );
  return { [type]: converted };
}
