import { BSON, type Document } from 'bson';
import { Aggregator, update as applyModifier } from 'mingo';
import { CommandError } from '../errors/command-error.js';
import { cloneDocument } from './clone-document.js';
import { encodeKeyValue } from './index-keys.js';
import { withMingo } from './mingo-errors.js';
import { MINGO_OPTIONS } from './mingo-options.js';
import { applyNativeUpdate } from './native-update.js';
import { resolvePositional, usesPositional } from './positional-path.js';
import { NotNative } from './update-plan.js';

const MODIFIERS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$bit',
  '$setOnInsert',
]);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

export interface UpdateOptions {
  readonly arrayFilters?: Document[];
  /** The filter that selected the document, which positional `$` paths refer to. */
  readonly filter?: Document;
  /** True when the update builds an upserted document: $setOnInsert then applies. */
  readonly inserting?: boolean;
}

export interface UpdateOutcome {
  readonly doc: Document;
  readonly changed: boolean;
}

/**
 * Applies a modifier document, a replacement document or an update pipeline without
 * changing `original` (stored documents are immutable: the result is a new object, which
 * may share the fields it leaves unchanged), keeping _id unchanged and first.
 */
export function updateDocument(original: Document, update: unknown, options: UpdateOptions = {}): UpdateOutcome {
  let outcome: UpdateOutcome;
  if (Array.isArray(update)) outcome = applyPipeline(original, update as Document[]);
  else if (typeof update !== 'object' || update === null) throw new CommandError(9, 'Update argument must be either an object or an array');
  else if (isModifierDocument(update as Document)) outcome = applyModifiers(original, update as Document, options);
  else outcome = applyReplacement(original, update as Document);
  return { doc: keepId(original, outcome.doc), changed: outcome.changed };
}

export function isModifierDocument(update: Document): boolean {
  const keys = Object.keys(update);
  const operators = keys.filter((key) => key.startsWith('$')).length;
  if (operators > 0 && operators < keys.length) {
    throw new CommandError(9, 'An update document must contain either only update operators or only fields');
  }
  return operators > 0;
}

function applyModifiers(original: Document, update: Document, options: UpdateOptions): UpdateOutcome {
  for (const operator of Object.keys(update)) {
    if (!MODIFIERS.has(operator)) {
      throw new CommandError(
        9,
        `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
  }
  // An upsert's insert has matched nothing for `$` to name: mingo refuses that one itself.
  const resolved = !options.inserting && usesPositional(update) ? resolvePositional(original, update, options.filter) : update;
  try {
    return applyNativeUpdate(original, resolved, options.arrayFilters, options.inserting ?? false);
  } catch (error) {
    if (!(error instanceof NotNative)) throw error;
  }
  return applyMingoModifiers(original, resolved, options);
}

/** The operators the native engine leaves alone ($addToSet, $pull, $rename...), through mingo. */
function applyMingoModifiers(original: Document, update: Document, options: UpdateOptions): UpdateOutcome {
  const modifier: Document = {};
  for (const [operator, fields] of Object.entries(update)) {
    if (operator !== '$setOnInsert') modifier[operator] = fields;
  }
  if (options.inserting && update.$setOnInsert) {
    const set: Document = { ...(modifier.$set as Document | undefined) };
    for (const [path, value] of Object.entries(update.$setOnInsert as Document)) {
      if (path in set) throw new CommandError(40, `Updating the path '${path}' would create a conflict at '${path}'`);
      set[path] = value;
    }
    modifier.$set = set;
  }
  const doc = cloneDocument(original);
  moveIdAssignment(doc, modifier);
  const changedPaths = withMingo(() => applyModifier(doc, modifier, options.arrayFilters, undefined, { queryOptions: MINGO_OPTIONS }));
  return { doc, changed: changedPaths.length > 0 };
}

/**
 * mingo refuses any $set of _id, while MongoDB accepts setting it to its current value and,
 * on an upsert's insert, to a new one ($setOnInsert: {_id}). Apply those here; a real
 * change still reaches mingo and fails as ImmutableField.
 */
function moveIdAssignment(doc: Document, modifier: Document): void {
  const set = modifier.$set as Document | undefined;
  if (!set || !('_id' in set)) return;
  if (doc._id !== undefined && encodeKeyValue(doc._id) !== encodeKeyValue(set._id)) return;
  doc._id = set._id;
  const { _id: _assigned, ...rest } = set;
  modifier.$set = rest;
}

function applyReplacement(original: Document, replacement: Document): UpdateOutcome {
  const doc = cloneDocument(replacement);
  if (doc._id === undefined && original._id !== undefined) doc._id = original._id;
  return { doc, changed: !sameBytes(original, doc) };
}

function applyPipeline(original: Document, pipeline: Document[]): UpdateOutcome {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] ?? '';
    if (!PIPELINE_STAGES.has(name)) throw new CommandError(72, `${name} is not allowed to be used within an update`);
  }
  const [doc] = withMingo(() => new Aggregator(pipeline, MINGO_OPTIONS).run([cloneDocument(original)]));
  if (!doc) throw new CommandError(2, 'update pipeline produced no document');
  // MongoDB keeps the document's _id when the pipeline's result has none ($project: {_id: 0},
  // a $replaceRoot to a subdocument); only a different _id is an immutable-field error.
  if (doc._id === undefined && original._id !== undefined) doc._id = original._id;
  return { doc, changed: !sameBytes(original, doc) };
}

function keepId(original: Document, doc: Document): Document {
  if (original._id === undefined) return doc;
  if (doc._id === undefined || encodeKeyValue(doc._id) !== encodeKeyValue(original._id)) {
    throw new CommandError(66, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

function sameBytes(a: Document, b: Document): boolean {
  return Buffer.from(BSON.serialize(a)).equals(BSON.serialize(b));
}
