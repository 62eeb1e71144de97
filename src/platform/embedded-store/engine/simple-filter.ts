import type { Document } from 'bson';
import { Query } from 'mingo';
import { encodeKeyValue, hasCanonicalKey, isBsonValue, isPlainObject } from './index-keys.js';
import { withMingo } from './mingo-errors.js';
import { MINGO_OPTIONS } from './mingo-options.js';

/** The answer depends on rules this matcher leaves to mingo (arrays on the path, numeric wrappers...). */
const DEFER = Symbol('defer');
type Verdict = boolean | typeof DEFER;
type Test = (doc: unknown) => Verdict;
type ValueTest = (value: unknown) => Verdict;

const RANGE = new Set(['$gt', '$gte', '$lt', '$lte']);

/**
 * A filter as a function. The common shapes (equality, $in, $nin, $ne, $exists, $not,
 * ranges on numbers and dates, $elemMatch on documents, $and) are tested directly;
 * when a document reaches a rule they do not cover (an array on the path, a Decimal128
 * compared with a number, NaN), or the filter uses any other operator, mingo decides,
 * so the result is always mingo's. Compiling a mingo query per command costs more than
 * most of the tests it would run.
 */
export function compileMatcher(filter: Document): (doc: Document) => boolean {
  return withFallback(compileFilterTest(filter, 0), filter, (doc) => doc as Document);
}

/**
 * An array filter ({'e.state': 'PENDING'}, {e: {$gt: 5}}) as a test of one array
 * element: the identifier `e` stands for the element itself.
 */
export function compileElementMatcher(filter: Document, identifier: string): (element: unknown) => boolean {
  return withFallback(compileFilterTest(filter, 1), filter, (element) => ({ [identifier]: element }));
}

function withFallback<T>(test: Test | undefined, filter: Document, asDocument: (value: T) => Document): (value: T) => boolean {
  let query: Query | undefined;
  const byMingo = (value: T) => withMingo(() => (query ??= new Query(filter, MINGO_OPTIONS)).test(asDocument(value)));
  if (!test) {
    // Compiled at once: an invalid filter fails even when no document is there to test.
    query = withMingo(() => new Query(filter, MINGO_OPTIONS));
    return byMingo;
  }
  return (value) => {
    const verdict = test(value);
    return verdict === DEFER ? byMingo(value) : verdict;
  };
}

/** `skip`: leading path components that name the value tested (an array filter's identifier). */
function compileFilterTest(filter: Document, skip: number): Test | undefined {
  const tests: Test[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition) && condition.length > 0) {
      for (const clause of condition) {
        const test = isPlainObject(clause) ? compileFilterTest(clause, skip) : undefined;
        if (!test) return undefined;
        tests.push(test);
      }
      continue;
    }
    if (field.startsWith('$') || field === '') return undefined;
    const conditions = compileCondition(condition);
    if (!conditions) return undefined;
    tests.push(fieldTest(field.split('.').slice(skip), conditions));
  }
  return all(tests);
}

/**
 * A condition is existential when one matching value suffices: then a path that fans
 * out through an array of documents ('outbox.state') is tested value by value, each
 * condition on its own, as MongoDB does. Negations and null tests are left to mingo there.
 */
interface Condition {
  readonly test: ValueTest;
  readonly existential: boolean;
}

function fieldTest(path: readonly string[], conditions: readonly Condition[]): Test {
  return (doc) => {
    const reached = reach(doc, path);
    if (reached === DEFER) return DEFER;
    let deferred = false;
    for (const { test, existential } of conditions) {
      let verdict: Verdict;
      if (!reached.fanned) verdict = test(reached.values[0]);
      else if (!existential) verdict = DEFER;
      else verdict = any(reached.values, test);
      if (verdict === false) return false;
      if (verdict === DEFER) deferred = true;
    }
    return deferred ? DEFER : true;
  };
}

/** False if any test is false, else DEFER if any defers; for documents and values alike. */
function all(tests: readonly Test[]): Test {
  return (doc) => {
    let deferred = false;
    for (const test of tests) {
      const verdict = test(doc);
      if (verdict === false) return false;
      if (verdict === DEFER) deferred = true;
    }
    return deferred ? DEFER : true;
  };
}

function any(values: readonly unknown[], test: ValueTest): Verdict {
  let deferred = false;
  for (const value of values) {
    const verdict = test(value);
    if (verdict === true) return true;
    if (verdict === DEFER) deferred = true;
  }
  return deferred ? DEFER : false;
}

function compileCondition(condition: unknown): Condition[] | undefined {
  if (!isPlainObject(condition) || !Object.keys(condition).some((key) => key.startsWith('$'))) {
    return isExact(condition) ? [{ test: equals(condition), existential: condition !== null }] : undefined;
  }
  const conditions: Condition[] = [];
  for (const [operator, operand] of Object.entries(condition)) {
    const test = compileOperator(operator, operand);
    if (!test) return undefined;
    conditions.push({ test, existential: isExistential(operator, operand) });
  }
  return conditions;
}

function isExistential(operator: string, operand: unknown): boolean {
  if (operator === '$eq') return operand !== null;
  if (operator === '$in') return (operand as unknown[]).every((value) => value !== null);
  return operator === '$elemMatch' || RANGE.has(operator);
}

function compileOperator(operator: string, operand: unknown): ValueTest | undefined {
  switch (operator) {
    case '$eq':
      return isExact(operand) ? equals(operand) : undefined;
    case '$ne':
      return isExact(operand) ? negate(equals(operand)) : undefined;
    case '$in':
      return Array.isArray(operand) && operand.every(isExact) ? oneOf(operand) : undefined;
    case '$nin':
      return Array.isArray(operand) && operand.every(isExact) ? negate(oneOf(operand)) : undefined;
    case '$exists':
      return typeof operand === 'boolean' ? (value) => (Array.isArray(value) ? DEFER : (value !== undefined) === operand) : undefined;
    case '$not': {
      if (!isPlainObject(operand) || !Object.keys(operand).every((key) => key.startsWith('$'))) return undefined;
      const inner = compileCondition(operand);
      return inner ? negate(all(inner.map((condition) => condition.test))) : undefined;
    }
    case '$elemMatch': {
      if (!isPlainObject(operand) || Object.keys(operand).some((key) => key.startsWith('$'))) return undefined;
      const inner = compileFilterTest(operand, 0);
      return inner ? elemMatch(inner) : undefined;
    }
    default:
      return RANGE.has(operator) ? range(operator, operand) : undefined;
  }
}

/** Values whose equality this matcher decides itself; null is handled by `equals`. */
function isExact(value: unknown): boolean {
  return value === null || hasCanonicalKey(value);
}

function equals(target: unknown): ValueTest {
  if (target === null) return (value) => (Array.isArray(value) ? DEFER : value === null || value === undefined);
  if (typeof target === 'string') return (value) => (typeof value === 'string' ? value === target : comparable(value) ? false : DEFER);
  const encoded = encodeKeyValue(target);
  return (value) => (comparable(value) ? value !== undefined && value !== null && encodeKeyValue(value) === encoded : DEFER);
}

/** Strings (the usual ids and states) are looked up in a set; other values compared one by one. */
function oneOf(targets: unknown[]): ValueTest {
  const strings = new Set(targets.filter((target) => typeof target === 'string'));
  const tests = targets.filter((target) => typeof target !== 'string').map(equals);
  return (value) => {
    if (typeof value === 'string' && strings.has(value)) return true;
    let deferred = Array.isArray(value) && strings.size > 0;
    for (const test of tests) {
      const verdict = test(value);
      if (verdict === true) return true;
      if (verdict === DEFER) deferred = true;
    }
    return deferred ? DEFER : false;
  };
}

/** Number against number and date against date; any other pairing is mingo's to judge. */
function range(operator: string, operand: unknown): ValueTest | undefined {
  let key: (value: unknown) => number | undefined;
  if (typeof operand === 'number' && !Number.isNaN(operand))
    key = (value) => (typeof value === 'number' && !Number.isNaN(value) ? value : undefined);
  else if (operand instanceof Date) key = (value) => (value instanceof Date ? value.getTime() : undefined);
  else return undefined;
  const bound = key(operand)!;
  const holds = (n: number) =>
    operator === '$gt' ? n > bound : operator === '$gte' ? n >= bound : operator === '$lt' ? n < bound : n <= bound;
  return (value) => {
    if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return false;
    const n = key(value);
    return n === undefined ? DEFER : holds(n);
  };
}

function elemMatch(test: Test): ValueTest {
  return (value) => {
    if (!Array.isArray(value)) return false;
    let deferred = false;
    for (const element of value) {
      if (!isPlainObject(element)) {
        if (Array.isArray(element)) deferred = true;
        continue;
      }
      const verdict = test(element);
      if (verdict === true) return true;
      if (verdict === DEFER) deferred = true;
    }
    return deferred ? DEFER : false;
  };
}

function negate(test: ValueTest): ValueTest {
  return (value) => {
    const verdict = test(value);
    return verdict === DEFER ? DEFER : !verdict;
  };
}

/** Plain scalars whose comparison needs no type bracketing beyond what the tests do. */
function comparable(value: unknown): boolean {
  if (Array.isArray(value)) return false;
  if (isBsonValue(value)) return value._bsontype === 'ObjectId' || value._bsontype === 'Long';
  return !(typeof value === 'number' && Number.isNaN(value));
}

function fieldOf(doc: unknown, field: string): unknown {
  return isPlainObject(doc) && Object.hasOwn(doc, field) ? doc[field] : undefined;
}

/** A field's value, or the values a path fans out to through arrays of documents. */
function reach(doc: unknown, path: readonly string[]): { values: unknown[]; fanned: boolean } | typeof DEFER {
  // Most paths run through documents only: walked without building lists.
  let node = doc;
  let depth = 0;
  while (depth < path.length && !Array.isArray(node)) node = fieldOf(node, path[depth++]!);
  if (depth === path.length) return { values: [node], fanned: false };
  return fanOut([node], path.slice(depth));
}

function fanOut(start: unknown[], path: readonly string[]): { values: unknown[]; fanned: boolean } | typeof DEFER {
  let nodes = start;
  let fanned = false;
  for (let depth = 0; depth < path.length; depth++) {
    const field = path[depth]!;
    const next: unknown[] = [];
    for (const node of nodes) {
      if (!Array.isArray(node)) {
        next.push(fieldOf(node, field));
        continue;
      }
      // A numeric field may be an index as well as a name, and arrays may nest: mingo's rules.
      if (/^\d+$/.test(field)) return DEFER;
      fanned = true;
      for (const element of node) {
        if (Array.isArray(element)) return DEFER;
        if (isPlainObject(element)) next.push(fieldOf(element, field));
      }
    }
    nodes = next;
  }
  return { values: nodes, fanned };
}
