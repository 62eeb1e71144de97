import type { Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { isBsonValue, isPlainObject } from './index-keys.js';
import { sameValue } from './same-value.js';
import { compileElementMatcher } from './simple-filter.js';
import { describe, NotNative, planUpdate, typeName, type Operation, type UpdatePlan } from './update-plan.js';

/** Numbers wrapped by the bson package; mingo does their arithmetic. */
const BSON_NUMBERS = new Set(['Long', 'Int32', 'Double', 'Decimal128']);

type Key = string | number;
type Container = Record<string, unknown> | unknown[];
type Matcher = (element: unknown) => boolean;

/** What an operation makes of a field: a new value, its removal, or nothing. */
type Effect = { readonly value: unknown } | 'remove' | 'keep';

export interface NativeOutcome {
  readonly doc: Document;
  readonly changed: boolean;
}

/**
 * Applies $set, $unset, $inc, $mul, $currentDate, $push (and $setOnInsert on insert),
 * including `$[]` and `$[identifier]` with arrayFilters, without mingo. The document is
 * copied only along the paths that change (stored documents are immutable, so the rest
 * is shared), and whether anything changed is known without serializing it. Throws
 * NotNative for updates this engine leaves to mingo.
 */
export function applyNativeUpdate(
  original: Document,
  update: Document,
  arrayFilters: readonly Document[] | undefined,
  inserting: boolean,
): NativeOutcome {
  const { plan, filters, elementwise } = prepare(update, arrayFilters, inserting);
  const outcome = elementwise && applyElementwise(original, elementwise, filters.get(elementwise.identifier)!);
  if (outcome) return outcome;
  const applier = new Applier(original, filters, plan.mayMeet);
  for (const operation of plan.operations) applier.apply(operation);
  return { doc: applier.root, changed: applier.changed };
}

interface Prepared {
  readonly arrayFilters: readonly Document[] | undefined;
  readonly inserting: boolean;
  readonly plan: UpdatePlan;
  readonly filters: Map<string, Matcher>;
  readonly elementwise: Elementwise | undefined;
}

/** An update whose every path is `<array>.$[<identifier>].<field>`, one array and one identifier for all. */
interface Elementwise {
  readonly array: string;
  readonly identifier: string;
  /** In the plan's order, each with the field it writes in the element. */
  readonly operations: readonly { readonly operation: Operation; readonly field: string }[];
}

/** The last preparation of each update document: a multi-document update plans and compiles once. */
const prepared = new WeakMap<Document, Prepared>();

function prepare(update: Document, arrayFilters: readonly Document[] | undefined, inserting: boolean): Prepared {
  const known = prepared.get(update);
  if (known && known.arrayFilters === arrayFilters && known.inserting === inserting) return known;
  const plan = planUpdate(update, inserting);
  const fresh = {
    arrayFilters,
    inserting,
    plan,
    filters: compileArrayFilters(arrayFilters ?? [], plan, update),
    elementwise: elementwiseOf(plan),
  };
  prepared.set(update, fresh);
  return fresh;
}

function elementwiseOf(plan: UpdatePlan): Elementwise | undefined {
  const [first] = plan.operations;
  if (!first || plan.mayMeet) return undefined;
  const [array, step] = first.parts;
  if (typeof array !== 'string' || typeof step !== 'object' || step.identifier === undefined) return undefined;
  const operations: { operation: Operation; field: string }[] = [];
  for (const operation of plan.operations) {
    const [name, elements, field] = operation.parts;
    const sameArray =
      operation.parts.length === 3 && name === array && typeof elements === 'object' && elements.identifier === step.identifier;
    if (!sameArray || typeof field !== 'string' || /^\d+$/.test(field)) return undefined;
    operations.push({ operation, field });
  }
  return { array, identifier: step.identifier, operations };
}

/**
 * The common case of an array-filtered update (one array, one identifier, fields of
 * its elements) applied element by element, as MongoDB applies an update's paths as
 * a tree: each matching element is copied once for all its fields, the array and the
 * document once. The filter judges the elements as they were, the operations apply in
 * the plan's order within each element. Anything unusual (no such array, an element
 * that is not a document) is left to the general applier, which answers it as MongoDB
 * does; undefined then.
 */
function applyElementwise(original: Document, { array, operations }: Elementwise, filter: Matcher): NativeOutcome | undefined {
  const elements: unknown = Object.hasOwn(original, array) ? original[array] : undefined;
  if (!Array.isArray(elements)) return undefined;
  let copied: unknown[] | undefined;
  for (let index = 0; index < elements.length; index++) {
    const element: unknown = elements[index];
    if (!filter(element)) continue;
    if (!isPlainObject(element)) return undefined;
    let next: Record<string, unknown> | undefined;
    for (const { operation, field } of operations) {
      const exists = Object.hasOwn(element, field);
      const effect = applyOperator(operation, exists ? element[field] : undefined, exists, false, () => ({
        _id: original._id,
        field: `${array}.${index}.${field}`,
      }));
      if (effect === 'keep') continue;
      next ??= copyObject(element);
      if (effect === 'remove') delete next[field];
      else setKey(next, field, effect.value);
    }
    if (next) {
      copied ??= elements.slice();
      copied[index] = next;
    }
  }
  if (!copied) return { doc: original, changed: false };
  // A spread is the cheaper copy here: it only replaces a field the document has.
  const doc = { ...original };
  setKey(doc, array, copied);
  return { doc, changed: true };
}

function compileArrayFilters(arrayFilters: readonly Document[], plan: UpdatePlan, update: Document): Map<string, Matcher> {
  const filters = new Map<string, Matcher>();
  for (const filter of arrayFilters) {
    if (!isPlainObject(filter)) throw new CommandError(14, 'Each array filter must be an object');
    const identifier = filterIdentifier(filter);
    if (filters.has(identifier)) throw new CommandError(9, `Found multiple array filters with the same top-level field name ${identifier}`);
    filters.set(identifier, compileElementMatcher(filter, identifier));
  }
  for (const identifier of plan.identifiers) {
    if (!filters.has(identifier)) {
      const path = plan.operations.find((operation) => operation.path.includes(`$[${identifier}]`))?.path ?? '';
      throw new CommandError(2, `No array filter found for identifier '${identifier}' in path '${path}'`);
    }
  }
  for (const identifier of filters.keys()) {
    if (!plan.identifiers.has(identifier))
      throw new CommandError(9, `The array filter for identifier '${identifier}' was not used in the update ${describe(update)}`);
  }
  return filters;
}

/** The one identifier every top-level field of an array filter starts with. */
function filterIdentifier(filter: Document): string {
  let identifier: string | undefined;
  for (const field of Object.keys(filter)) {
    if (field.startsWith('$')) throw new NotNative();
    const name = field.split('.')[0]!;
    if (identifier !== undefined && name !== identifier) {
      throw new CommandError(
        9,
        `Error parsing array filter :: caused by :: Expected a single top-level field name, found '${identifier}' and '${name}'`,
      );
    }
    identifier = name;
  }
  if (identifier === undefined) throw new CommandError(9, 'Cannot use an expression without a top-level field name in arrayFilters');
  if (!/^[a-z][a-zA-Z0-9]*$/.test(identifier)) {
    throw new CommandError(
      2,
      `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${identifier}'`,
    );
  }
  return identifier;
}

class Applier {
  changed = false;
  root: Document;
  /** Containers copied by this update, which it may therefore edit. */
  private readonly owned = new Set<unknown>();
  /** Filter verdicts per identifier and array, computed on the array's first visit. */
  private readonly matched = new Map<string, boolean[]>();
  /** Fields written so far, and their ancestors, when two paths might meet in one element. */
  private readonly written: Set<string> | undefined;
  private readonly ancestors: Set<string> | undefined;

  constructor(
    private readonly original: Document,
    private readonly filters: Map<string, Matcher>,
    mayMeet: boolean,
  ) {
    this.root = original;
    if (mayMeet) {
      this.written = new Set();
      this.ancestors = new Set();
    }
  }

  /** Operations apply one after another, each to the document as the previous ones left it. */
  apply(operation: Operation): void {
    this.visit(this.root, [], operation, 0);
  }

  /** `value` is what the document holds at `keys`, the first `depth` parts of the operation's path. */
  private visit(value: unknown, keys: Key[], operation: Operation, depth: number): void {
    if (depth === operation.parts.length) {
      this.leaf(keys, [], operation, value, true);
      return;
    }
    const part = operation.parts[depth]!;
    if (typeof part !== 'string') {
      this.visitElements(value, keys, operation, depth, part);
      return;
    }
    if (Array.isArray(value)) {
      if (!/^\d+$/.test(part)) {
        if (operation.operator !== '$unset') throw notViable(part, keys, value);
        return;
      }
      const index = Number(part);
      if (index < value.length) this.visit(value[index], [...keys, index], operation, depth + 1);
      else this.create(keys, operation, depth);
      return;
    }
    if (isPlainObject(value)) {
      if (Object.hasOwn(value, part)) this.visit(value[part], [...keys, part], operation, depth + 1);
      else this.create(keys, operation, depth);
      return;
    }
    if (operation.operator !== '$unset') throw notViable(part, keys, value);
  }

  private visitElements(
    value: unknown,
    keys: Key[],
    operation: Operation,
    depth: number,
    step: { all: boolean; identifier?: string },
  ): void {
    if (value === undefined)
      throw new CommandError(2, `The path '${keys.join('.')}' must exist in the document in order to apply array updates.`);
    if (!Array.isArray(value))
      throw new CommandError(2, `Cannot apply array updates to non-array element ${String(keys.at(-1))}: ${describe(value)}`);
    const selected = step.all ? undefined : this.selected(keys, step.identifier!, value);
    for (let index = 0; index < value.length; index++) {
      if (selected && !selected[index]) continue;
      this.visit(value[index], [...keys, index], operation, depth + 1);
    }
  }

  /**
   * Which elements of the array at `keys` the identifier's filter matches. MongoDB
   * matches the filters before changing any element, so a filter on a field the update
   * itself changes (`state: 'PENDING'` while setting state) sees the old value; the
   * answer is therefore the same for every operation on that array, and kept.
   */
  private selected(keys: readonly Key[], identifier: string, current: unknown[]): boolean[] {
    const key = `${identifier}\u0000${keys.join('\u0000')}`;
    const known = this.matched.get(key);
    if (known && known.length >= current.length) return known;
    const filter = this.filters.get(identifier)!;
    const before = valueAt(this.original, keys);
    const verdicts = current.map((element, index) => filter(Array.isArray(before) && index < before.length ? before[index] : element));
    this.matched.set(key, verdicts);
    return verdicts;
  }

  /** The path stops existing after `depth` parts: the operation creates the rest as embedded documents. */
  private create(keys: Key[], operation: Operation, depth: number): void {
    const rest = operation.parts.slice(depth);
    if (rest.some((part) => typeof part !== 'string')) {
      throw new CommandError(2, `The path '${[...keys, rest[0]].join('.')}' must exist in the document in order to apply array updates.`);
    }
    this.leaf(keys, rest as string[], operation, undefined, false);
  }

  /** Applies the operator to the field at `keys` + `rest` (`rest` non-empty only when creating). */
  private leaf(keys: Key[], rest: string[], operation: Operation, current: unknown, exists: boolean): void {
    this.recordWrite([...keys, ...rest].join('.'));
    const effect = applyOperator(operation, current, exists, typeof keys.at(-1) === 'number' && rest.length === 0, () => ({
      _id: this.original._id,
      field: [...keys, ...rest].join('.'),
    }));
    if (effect === 'keep') return;
    this.changed = true;
    if (rest.length > 0) {
      const parent = this.mutable(keys);
      setKey(parent, rest[0]!, nest(rest.slice(1), (effect as { value: unknown }).value));
      return;
    }
    const parent = this.mutable(keys.slice(0, -1));
    const key = keys.at(-1)!;
    if (effect !== 'remove') setKey(parent, key, effect.value);
    else if (Array.isArray(parent)) parent[key as number] = null;
    else delete parent[key as string];
  }

  /** The container at `keys`, copied (with its ancestors) on first write. */
  private mutable(keys: readonly Key[]): Container {
    if (!this.owned.has(this.root)) {
      this.root = copyObject(this.root);
      this.owned.add(this.root);
    }
    let node: Container = this.root;
    for (const key of keys) {
      let child = (node as Record<Key, unknown>)[key] as Container;
      if (!this.owned.has(child)) {
        child = Array.isArray(child) ? child.slice() : copyObject(child);
        setKey(node, key, child);
        this.owned.add(child);
      }
      node = child;
    }
    return node;
  }

  /**
   * Two positional paths may reach one field (`a.$[x].b` and `a.$[y].b` on an element
   * both match), or a field and its parent: MongoDB refuses that when applying.
   */
  private recordWrite(path: string): void {
    if (!this.written || !this.ancestors) return;
    let conflict = this.written.has(path) || this.ancestors.has(path);
    for (let dot = path.indexOf('.'); dot !== -1 && !conflict; dot = path.indexOf('.', dot + 1)) {
      const ancestor = path.slice(0, dot);
      conflict = this.written.has(ancestor);
      this.ancestors.add(ancestor);
    }
    if (conflict) throw new CommandError(40, `Update created a conflict at '${path}'`);
    this.written.add(path);
  }
}

function applyOperator(
  operation: Operation,
  current: unknown,
  exists: boolean,
  inArray: boolean,
  where: () => { _id: unknown; field: string },
): Effect {
  const { value } = operation;
  switch (operation.operator) {
    case '$set':
      return exists && sameValue(current, value) ? 'keep' : { value };
    case '$unset':
      // An array element is not removed but set to null, which a null element already is.
      return !exists || (inArray && current === null) ? 'keep' : 'remove';
    case '$inc':
    case '$mul':
      return arithmetic(operation.operator, current, exists, value as number, where);
    case '$currentDate':
      return { value: new Date() };
    case '$push':
      return push(operation, current, exists, where);
    default:
      throw new NotNative();
  }
}

function arithmetic(
  operator: string,
  current: unknown,
  exists: boolean,
  operand: number,
  where: () => { _id: unknown; field: string },
): Effect {
  if (!exists) return { value: operator === '$inc' ? operand : 0 };
  if (typeof current !== 'number') {
    if (isBsonValue(current) && BSON_NUMBERS.has(current._bsontype)) throw new NotNative();
    const { _id, field } = where();
    throw new CommandError(
      14,
      `Cannot apply ${operator} to a value of non-numeric type. {_id: ${describe(_id)}} has the field '${field}' of non-numeric type ${typeName(current)}`,
    );
  }
  const result = operator === '$inc' ? current + operand : current * operand;
  return Object.is(result, current) ? 'keep' : { value: result };
}

function push(operation: Operation, current: unknown, exists: boolean, where: () => { _id: unknown; field: string }): Effect {
  const { each, position, slice } = operation.push!;
  if (exists && !Array.isArray(current)) {
    const { _id, field } = where();
    throw new CommandError(
      2,
      `The field '${field}' must be an array but is of type ${typeName(current)} in document {_id: ${describe(_id)}}`,
    );
  }
  const before = (current as unknown[] | undefined) ?? [];
  const at =
    position === undefined ? before.length : position < 0 ? Math.max(0, before.length + position) : Math.min(position, before.length);
  let after = [...before.slice(0, at), ...each, ...before.slice(at)];
  if (slice !== undefined) after = slice >= 0 ? after.slice(0, slice) : after.slice(Math.max(0, after.length + slice));
  const same = exists && after.length === before.length && after.every((element, i) => element === before[i]);
  return same ? 'keep' : { value: after };
}

function valueAt(doc: unknown, keys: readonly Key[]): unknown {
  let node = doc;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<Key, unknown>)[key];
  }
  return node;
}

function notViable(part: string, keys: readonly Key[], value: unknown): CommandError {
  const parent = keys.length > 0 ? String(keys.at(-1)) : '';
  return new CommandError(28, `Cannot create field '${part}' in element {${parent}: ${describe(value)}}`);
}

/** A field written into an array pads it with nulls, as MongoDB does. */
function setKey(container: Container, key: Key, value: unknown): void {
  if (Array.isArray(container)) {
    const index = Number(key);
    while (container.length < index) container.push(null);
    container[index] = value;
  } else if (key === '__proto__') {
    Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    container[key] = value;
  }
}

/**
 * A shallow copy of a stored document or embedded document, to write fields into.
 * Object.assign, not a spread: V8 gives a spread's copy a shape of its own, and adding a
 * field to it then costs about fifty times a plain property store (a new shape each
 * time), where an assigned copy follows the usual shape transitions. A `__proto__`
 * field (kept as an own data field) needs the spread, which defines instead of assigning.
 */
function copyObject(value: Record<string, unknown>): Record<string, unknown> {
  return Object.hasOwn(value, '__proto__') ? { ...value } : Object.assign({}, value);
}

function nest(names: readonly string[], value: unknown): unknown {
  let nested = value;
  for (let i = names.length - 1; i >= 0; i--) {
    const holder: Record<string, unknown> = {};
    setKey(holder, names[i]!, nested);
    nested = holder;
  }
  return nested;
}
