import { BSON, Decimal128, Long } from 'mongodb';
import { bsonTypeMatches } from './bson-type-names.js';
import { isDocument } from './unified-values.js';

export class MatchError extends Error {
  override readonly name = 'MatchError';
}

/**
 * The unified format's matching rules ("Evaluating Matches"): a root-level document may
 * hold fields the expectation leaves out, a nested one may not; arrays match element by
 * element; numbers match across int32, int64 and double; `$$` operators stand for a value.
 */
export function assertMatches(expected: unknown, observed: unknown, root: boolean, path = '$'): void {
  // The driver builds a command's sort as a Map, to keep its keys in order.
  const actual = observed instanceof Map ? Object.fromEntries(observed) : observed;
  if (isDocument(expected)) {
    const operator = specialOperator(expected);
    if (operator) return matchOperator(operator, expected[operator], actual, root, path);
    if (!isDocument(actual)) throw new MatchError(`${path}: expected a document, got ${describe(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      const inner = isDocument(value) ? specialOperator(value) : undefined;
      const present = actual[key] !== undefined;
      if (inner === '$$exists') {
        if (present !== Boolean((value as Record<string, unknown>).$$exists))
          throw new MatchError(`${path}.${key}: expected ${present ? 'no field' : 'a field'}`);
        continue;
      }
      if (inner === '$$unsetOrMatches' && !present) continue;
      if (!present) throw new MatchError(`${path}.${key}: missing, expected ${describe(value)}`);
      assertMatches(value, actual[key], false, `${path}.${key}`);
    }
    if (!root) {
      const extra = Object.keys(actual).filter((key) => actual[key] !== undefined && !(key in expected));
      if (extra.length > 0) throw new MatchError(`${path}: unexpected fields ${extra.join(', ')} in ${describe(actual)}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) throw new MatchError(`${path}: expected an array, got ${describe(actual)}`);
    if (actual.length !== expected.length)
      throw new MatchError(`${path}: expected ${expected.length} elements, got ${actual.length}: ${describe(actual)}`);
    expected.forEach((element, i) => assertMatches(element, actual[i], false, `${path}[${i}]`));
    return;
  }
  if (!sameValue(expected, actual)) throw new MatchError(`${path}: expected ${describe(expected)}, got ${describe(actual)}`);
}

/** An iterable's documents (find, aggregate) are each matched as a root-level document. */
export function assertDocumentsMatch(expected: unknown, actual: unknown[], path = '$'): void {
  if (!Array.isArray(expected)) return assertMatches(expected, actual, true, path);
  if (actual.length !== expected.length)
    throw new MatchError(`${path}: expected ${expected.length} documents, got ${actual.length}: ${describe(actual)}`);
  expected.forEach((element, i) => assertMatches(element, actual[i], true, `${path}[${i}]`));
}

function specialOperator(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0]!.startsWith('$$') ? keys[0] : undefined;
}

function matchOperator(operator: string, argument: unknown, actual: unknown, root: boolean, path: string): void {
  switch (operator) {
    case '$$unsetOrMatches':
      if (actual !== undefined) assertMatches(argument, actual, root, path);
      return;
    case '$$type': {
      const names = Array.isArray(argument) ? (argument as string[]) : [argument as string];
      if (actual === undefined || !names.some((name) => bsonTypeMatches(name, actual)))
        throw new MatchError(`${path}: expected a value of type ${names.join(' or ')}, got ${describe(actual)}`);
      return;
    }
    case '$$exists':
      throw new MatchError(`${path}: $$exists stands only for a field's value`);
    case '$$lte':
      if (!(numeric(actual) !== undefined && numeric(argument) !== undefined && numeric(actual)! <= numeric(argument)!))
        throw new MatchError(`${path}: expected at most ${describe(argument)}, got ${describe(actual)}`);
      return;
    case '$$matchAsRoot':
      return assertMatches(argument, actual, true, path);
    case '$$matchAsDocument':
      if (typeof actual !== 'string') throw new MatchError(`${path}: expected extended JSON text, got ${describe(actual)}`);
      return assertMatches(argument, BSON.EJSON.parse(actual, { relaxed: false }), false, path);
    default:
      throw new MatchError(`${path}: the runner does not support the ${operator} operator`);
  }
}

function sameValue(expected: unknown, actual: unknown): boolean {
  const a = numeric(expected);
  const b = numeric(actual);
  if (a !== undefined || b !== undefined) return a !== undefined && b !== undefined && a === b;
  if (expected instanceof Decimal128 || actual instanceof Decimal128) {
    return expected instanceof Decimal128 && actual instanceof Decimal128 && expected.toString() === actual.toString();
  }
  return canonical(expected) === canonical(actual);
}

/** int32, int64 and double as one number line (bigint keeps int64s beyond 2^53 exact). */
function numeric(value: unknown): number | bigint | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'bigint') return value;
  if (value instanceof Long) return value.toBigInt();
  const bsonType = (value as { _bsontype?: string } | null | undefined)?._bsontype;
  if (bsonType === 'Int32' || bsonType === 'Double') return numeric((value as { valueOf(): number }).valueOf());
  return undefined;
}

function canonical(value: unknown): string {
  return BSON.EJSON.stringify({ v: value ?? null }, { relaxed: false });
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = BSON.EJSON.stringify(value, { relaxed: true });
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}
