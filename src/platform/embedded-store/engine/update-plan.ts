import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { isBsonValue, isPlainObject } from './index-keys.js';

/** The operators the native engine applies; an update using any other goes to mingo. */
const NATIVE_OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$setOnInsert', '$push', '$currentDate']);
const PUSH_MODIFIERS = new Set(['$each', '$position', '$slice']);
const IDENTIFIER = /^\$\[([a-z][a-zA-Z0-9]*)\]$/;

/** The native engine cannot apply this update exactly as MongoDB would: mingo applies it instead. */
export class NotNative extends Error {}

/** Every element of the array (`$[]`), or those matching the array filter of `identifier` (`$[identifier]`). */
export interface ArrayStep {
  readonly all: boolean;
  readonly identifier?: string;
}

export type PathPart = string | ArrayStep;

export interface PushArguments {
  readonly each: unknown[];
  readonly position?: number;
  readonly slice?: number;
}

export interface Operation {
  readonly operator: string;
  readonly path: string;
  readonly parts: readonly PathPart[];
  readonly value: unknown;
  readonly push?: PushArguments;
}

export interface UpdatePlan {
  /** In MongoDB's order of application: field names lexicographically, numeric ones numerically. */
  readonly operations: Operation[];
  /** Identifiers the paths use, which the array filters must match one to one. */
  readonly identifiers: Set<string>;
  /**
   * Two paths part at an array step (`a.$[x].b` and `a.$[y].c`, or `a.0.b` and `a.$[].b`):
   * they may reach one element, so the fields written must be checked as they are applied.
   */
  readonly mayMeet: boolean;
}

/**
 * Parses a modifier document (operators already validated) into operations, with
 * MongoDB's checks: empty field names, non-document operands, non-numeric $inc/$mul
 * arguments, and paths that conflict (one equal to or inside another). Throws NotNative
 * for what only mingo handles: other operators, the `$` positional, $push's $sort,
 * arithmetic on BSON numeric wrappers (Long, Decimal128).
 */
export function planUpdate(update: Document, inserting: boolean): UpdatePlan {
  const operations: Operation[] = [];
  const identifiers = new Set<string>();
  for (const [operator, fields] of Object.entries(update)) {
    if (!NATIVE_OPERATORS.has(operator)) throw new NotNative();
    if (!isPlainObject(fields)) {
      throw new CommandError(
        9,
        `Modifiers operate on fields but we found type ${typeName(fields)} instead. For example: {$mod: {<field>: ...}} not {${operator}: ${String(fields)}}`,
      );
    }
    if (operator === '$setOnInsert' && !inserting) continue;
    for (const [path, value] of Object.entries(fields)) {
      const parts = parsePath(path);
      for (const part of parts) if (typeof part !== 'string' && part.identifier !== undefined) identifiers.add(part.identifier);
      operations.push({
        operator: operator === '$setOnInsert' ? '$set' : operator,
        path,
        parts,
        value,
        ...checkOperand(operator, path, value),
      });
    }
  }
  operations.sort((a, b) => comparePaths(a.parts, b.parts));
  return { operations, identifiers, mayMeet: checkConflicts(operations) };
}

function parsePath(path: string): PathPart[] {
  const names = path.split('.');
  if (names.some((name) => name === ''))
    throw new CommandError(56, `The update path '${path}' contains an empty field name, which is not allowed.`);
  return names.map((name) => {
    if (!name.startsWith('$')) return name;
    if (name === '$[]') return { all: true };
    const identifier = IDENTIFIER.exec(name)?.[1];
    if (identifier !== undefined) return { all: false, identifier };
    throw new NotNative();
  });
}

function checkOperand(operator: string, path: string, value: unknown): { push?: PushArguments } {
  switch (operator) {
    case '$inc':
    case '$mul':
      if (typeof value === 'number') return {};
      if (isBsonValue(value) && ['Long', 'Int32', 'Double', 'Decimal128'].includes(value._bsontype)) throw new NotNative();
      throw new CommandError(
        14,
        `Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${describe(value)}}`,
      );
    case '$currentDate':
      if (value === true || (isPlainObject(value) && Object.keys(value).length === 1 && value.$type === 'date')) return {};
      throw new NotNative();
    case '$push':
      return { push: pushArguments(value) };
    default:
      return {};
  }
}

/** `{$each, $position, $slice}` or a single value; $sort and anything unusual go to mingo. */
function pushArguments(value: unknown): PushArguments {
  if (!isPlainObject(value) || !Object.keys(value).some((key) => key.startsWith('$'))) return { each: [value] };
  if (!('$each' in value) || !Object.keys(value).every((key) => PUSH_MODIFIERS.has(key))) throw new NotNative();
  const { $each: each, $position: position, $slice: slice } = value;
  if (!Array.isArray(each))
    throw new CommandError(2, `The argument to $each in $push must be an array but it was of type: ${typeName(each)}`);
  if (position !== undefined && !Number.isInteger(position))
    throw new CommandError(2, `The value for $position must be an integer value, not of type: ${typeName(position)}`);
  if (slice !== undefined && !Number.isInteger(slice))
    throw new CommandError(2, `The value for $slice must be an integer value but was given type: ${typeName(slice)}`);
  return {
    each,
    ...(position !== undefined ? { position: position as number } : {}),
    ...(slice !== undefined ? { slice: slice as number } : {}),
  };
}

/**
 * MongoDB refuses two paths where one is the other or lies inside it ({a: 1} with
 * {'a.b': 2}); `$[x]` and `$[y]` are different steps here. Returns whether two paths
 * part at an array step, where only the elements they reach tell whether they meet.
 */
function checkConflicts(operations: readonly Operation[]): boolean {
  let mayMeet = false;
  for (let i = 0; i < operations.length; i++) {
    for (let j = i + 1; j < operations.length; j++) {
      const [shorter, longer] =
        operations[i]!.parts.length <= operations[j]!.parts.length ? [operations[i]!, operations[j]!] : [operations[j]!, operations[i]!];
      const parting = shorter.parts.findIndex((part, k) => !samePart(part, longer.parts[k]!));
      if (parting === -1) throw new CommandError(40, `Updating the path '${longer.path}' would create a conflict at '${shorter.path}'`);
      mayMeet ||= typeof shorter.parts[parting] !== 'string' || typeof longer.parts[parting] !== 'string';
    }
  }
  return mayMeet;
}

function samePart(a: PathPart, b: PathPart): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.all === b.all && a.identifier === b.identifier;
}

/** Since MongoDB 5.0 updates apply field names in lexicographic order, numeric names in numeric order. */
function comparePaths(a: readonly PathPart[], b: readonly PathPart[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = comparePart(partName(a[i]!), partName(b[i]!));
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function partName(part: PathPart): string {
  if (typeof part === 'string') return part;
  return part.all ? '$[]' : `$[${part.identifier}]`;
}

function comparePart(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (isBsonValue(value)) return value._bsontype.toLowerCase();
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

export function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
