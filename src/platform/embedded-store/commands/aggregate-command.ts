import type { Document } from 'bson';
import { Aggregator } from 'mingo';
import { CommandError } from '../errors/command-error.js';
import type { Catalog } from '../engine/catalog.js';
import { cloneDocument } from '../engine/clone-document.js';
import { bytesOf, encodePicks, pickedEncoding, rememberPicked } from '../engine/document-encodings.js';
import { isPlainObject } from '../engine/index-keys.js';
import { withMingo } from '../engine/mingo-errors.js';
import { COPYING_MINGO_OPTIONS, MINGO_OPTIONS } from '../engine/mingo-options.js';
import { candidateDocuments } from '../engine/query-planner.js';
import { compileMatcher } from '../engine/simple-filter.js';
import { arrayArg, booleanArg, documentArg, namespaceOf, numberArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';
import { cursorReply, DEFAULT_FIRST_BATCH } from './cursor-reply.js';

/** Stages that write or inspect server internals would bypass the journal or have no meaning here. */
const REFUSED_STAGES = new Set([
  '$out',
  '$merge',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$changeStream',
  '$planCacheStats',
]);
/** Stages mingo runs without editing their input; any other stage makes the run work on copies. */
const READ_ONLY_STAGES = new Set([
  '$match',
  '$group',
  '$sort',
  '$skip',
  '$limit',
  '$count',
  '$sortByCount',
  '$unwind',
  '$sample',
  '$replaceRoot',
  '$replaceWith',
]);

export const aggregateCommand: CommandDefinition = {
  fields: ['pipeline', 'cursor', 'explain', 'allowDiskUse', 'hint', 'bypassDocumentValidation'],
  run(command, db, { catalog, cursors }) {
    const pipeline = arrayArg(command, 'pipeline') as Document[];
    for (const stage of pipeline) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name) throw new CommandError(40323, 'A pipeline stage specification object must contain exactly one field.');
      if (REFUSED_STAGES.has(name)) throw new CommandError(2, `${name} is not supported by the embedded store`);
    }
    if (booleanArg(command, 'explain')) throw new CommandError(2, 'explain is not supported by the embedded store');
    const target: unknown = command.aggregate;
    const collectionName = typeof target === 'string' ? target : undefined;
    if (!collectionName && target !== 1) throw new CommandError(73, "'aggregate' must be a collection name or 1");
    const cursorOptions = documentArg(command, 'cursor');
    if (!cursorOptions) throw new CommandError(9, "The 'cursor' option is required, except for aggregate with the explain argument");
    const { source, stages } = sourceFor(catalog, db, collectionName, pipeline);
    const namespace = namespaceOf(db, collectionName ?? '$cmd.aggregate');
    const batchSize = numberArg(cursorOptions, 'batchSize', DEFAULT_FIRST_BATCH);
    // Every stage applied while reading the source (a claim's read, say): nothing for mingo to run.
    if (stages.length === 0) return cursorReply(namespace, cursors.open(namespace, source[Symbol.iterator](), batchSize), true);
    const readOnly = stages.every((stage) => READ_ONLY_STAGES.has(Object.keys(stage)[0]!));
    const options = readOnly ? MINGO_OPTIONS : COPYING_MINGO_OPTIONS;
    const aggregator = withMingo(() => new Aggregator(stages, { ...options, collectionResolver: resolverFor(catalog, db, !readOnly) }));
    const results = withMingo(() => aggregator.stream(source));
    const iterator: Iterator<Document> = { next: () => withMingo(() => results.next()) as IteratorResult<Document> };
    return cursorReply(namespace, cursors.open(namespace, iterator, batchSize), true);
  },
};

/**
 * The documents the pipeline starts from, and the stages mingo still runs on them. A
 * leading $match is applied here: it narrows the input through the indexes and tests
 * the candidates with the compiled matcher. The $skip and $limit stages that follow it
 * are applied here too, lazily: mingo's own would read the whole input before the
 * first result, where a claim of 200 among thousands wants the first 200 only. So is a
 * following $replaceRoot that only picks top-level fields.
 */
function sourceFor(
  catalog: Catalog,
  db: string,
  name: string | undefined,
  pipeline: Document[],
): { source: Iterable<Document>; stages: Document[] } {
  const collection = name ? catalog.getCollection(db, name) : undefined;
  if (!collection) return { source: [], stages: pipeline };
  const first = pipeline[0];
  const leadingMatch = first !== undefined && isPlainObject(first.$match);
  let source: Iterable<Document> = leadingMatch
    ? filtered(candidateDocuments(collection, first.$match as Document), compileMatcher(first.$match as Document))
    : collection.docs.values();
  let rest = leadingMatch ? pipeline.slice(1) : pipeline;
  for (;;) {
    const window = windowOf(rest[0]);
    const picks = window ? undefined : fieldPicksOf(rest[0]);
    if (window) source = window.kind === '$skip' ? skipping(source, window.count) : limited(source, window.count);
    else if (picks) source = picking(source, picks);
    else return { source, stages: rest };
    rest = rest.slice(1);
  }
}

/**
 * The fields of a `$replaceRoot`/`$replaceWith` whose new root only names top-level
 * fields (`{ _id: '$_id', outbox: '$outbox' }`): such a stage is a pick, done here
 * without evaluating an expression per document. Anything else is left to mingo.
 */
function fieldPicksOf(stage: Document | undefined): [string, string][] | undefined {
  if (!stage || Object.keys(stage).length !== 1) return undefined;
  const replaceRoot: unknown = stage.$replaceRoot;
  const newRoot: unknown = isPlainObject(replaceRoot) && Object.keys(replaceRoot).length === 1 ? replaceRoot.newRoot : stage.$replaceWith;
  if (!isPlainObject(newRoot)) return undefined;
  const picks = Object.entries(newRoot).map(([name, path]) =>
    SIMPLE_NAME.test(name) && typeof path === 'string' && FIELD_PATH.test(path) ? ([name, path.slice(1)] as [string, string]) : undefined,
  );
  return picks.length > 0 && picks.every((pick) => pick !== undefined) ? (picks as [string, string][]) : undefined;
}

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELD_PATH = /^\$[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * As MongoDB builds an expression object: a field whose path is missing is left out. A
 * document still as inserted gives its pick's bytes too, cut from its own.
 */
function* picking(documents: Iterable<Document>, picks: readonly [string, string][]): Generator<Document> {
  const encodedPicks = encodePicks(picks);
  for (const doc of documents) {
    const picked: Document = {};
    for (const [name, field] of picks) {
      const value: unknown = doc[field];
      if (value !== undefined) picked[name] = value;
    }
    const bytes = bytesOf(doc);
    const encoding = bytes && pickedEncoding(bytes, encodedPicks);
    if (encoding) rememberPicked(picked, encoding);
    yield picked;
  }
}

/** A leading $skip or $limit stage, checked as MongoDB checks it; other stages (and non-integer counts) are mingo's. */
function windowOf(stage: Document | undefined): { kind: '$skip' | '$limit'; count: number } | undefined {
  if (!stage || Object.keys(stage).length !== 1) return undefined;
  const kind = Object.keys(stage)[0];
  if (kind !== '$skip' && kind !== '$limit') return undefined;
  const count: unknown = stage[kind];
  if (typeof count !== 'number' || !Number.isSafeInteger(count)) return undefined;
  if (kind === '$limit' && count <= 0) throw new CommandError(15958, 'the limit must be positive');
  if (kind === '$skip' && count < 0) throw new CommandError(15956, 'invalid argument to $skip stage: Cannot skip a negative number');
  return { kind, count };
}

function* filtered(documents: Iterable<Document>, matches: (doc: Document) => boolean): Generator<Document> {
  for (const doc of documents) if (matches(doc)) yield doc;
}

function* skipping(documents: Iterable<Document>, count: number): Generator<Document> {
  let skipped = 0;
  for (const doc of documents) {
    if (skipped < count) skipped += 1;
    else yield doc;
  }
}

function* limited(documents: Iterable<Document>, count: number): Generator<Document> {
  let taken = 0;
  for (const doc of documents) {
    yield doc;
    taken += 1;
    if (taken >= count) return;
  }
}

/** Joined collections ($lookup, $graphLookup) are copied too when a later stage might edit them. */
function resolverFor(catalog: Catalog, db: string, copy: boolean): (name: string) => Document[] {
  return (name) => {
    const docs = [...(catalog.getCollection(db, name)?.docs.values() ?? [])];
    return copy ? docs.map(cloneDocument) : docs;
  };
}
