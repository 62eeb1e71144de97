import { escapePointer, type Shape } from '../catalog/schema-shape.js';
import { cutShort } from '../kernel/errors/cut-short.js';
import type { ValidationIssue } from '../kernel/validation-issue.js';
import { compactOf, compactOfAll, isTextOnly, type XmlElement } from './xml-tree.js';

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * Where a value sits, as a chain to its parent: the JSON Pointer and the XML path are
 * spelled out only for a value that has a problem (most have none, and a 1000-item
 * declaration has tens of thousands of values).
 */
interface Position {
  parent?: Position;
  /** Member name, or index in the parent array. */
  member: string | number;
  /** Element name (an array item's is the schema's item name); the root's whole path at the root. */
  element: string;
}

function pointerOf(at: Position): string {
  if (!at.parent) return '';
  return `${pointerOf(at.parent)}/${typeof at.member === 'number' ? at.member : escapePointer(at.member)}`;
}

function xmlPathOf(at: Position): string {
  if (!at.parent) return at.element;
  return `${xmlPathOf(at.parent)}/${typeof at.member === 'number' ? `${at.element}[${at.member + 1}]` : at.element}`;
}

function issueAt(at: Position, code: string, message: string, xmlStep?: string): ValidationIssue {
  return { pointer: pointerOf(at), xmlPath: xmlStep === undefined ? xmlPathOf(at) : `${xmlPathOf(at)}/${xmlStep}`, code, message };
}

/**
 * Turns the root element of a parsed document into canonical JSON following the
 * schema's shape: wrapped arrays become arrays, numbers and booleans are converted,
 * empty elements become "", {} or []. Values that do not convert are kept as text
 * so the schema validator reports them with their pointer; what only XML can get
 * wrong (attributes, stray text, a single member repeated) is reported here.
 * Elements the schema does not expect are kept in fast-xml-parser's object form
 * (see compactOf) for the validator to name.
 */
export function decodeXmlContent(
  shape: Shape,
  root: XmlElement,
  rootPath: string,
  maxIssues = Number.POSITIVE_INFINITY,
): { data: unknown; issues: ValidationIssue[]; truncated: boolean } {
  const issues = new IssueList(maxIssues);
  const data = decode(shape, root, { member: '', element: rootPath }, issues);
  return { data, issues: issues.items, truncated: issues.truncated };
}

/** The issues found, up to a number: a document with an attribute on each of thousands of elements is told about the first ones. */
class IssueList {
  readonly items: ValidationIssue[] = [];
  truncated = false;

  constructor(private readonly max: number) {}

  /** Adds the issue `make` spells out, unless the list is full. */
  add(make: () => ValidationIssue): void {
    if (this.items.length < this.max) this.items.push(make());
    else this.truncated = true;
  }
}

function decode(shape: Shape, element: XmlElement, at: Position, issues: IssueList): unknown {
  switch (shape.kind) {
    case 'object':
      return decodeObject(shape.properties, element, at, issues);
    case 'array':
      return decodeArray(shape.itemName, shape.items, element, at, issues);
    default: {
      const text = leafText(element, at, issues);
      if (typeof text !== 'string') return text;
      if (shape.kind === 'number' || shape.kind === 'integer') {
        const trimmed = text.trim();
        return JSON_NUMBER.test(trimmed) ? Number(trimmed) : text;
      }
      if (shape.kind === 'boolean') {
        const trimmed = text.trim();
        if (trimmed === 'true' || trimmed === '1') return true;
        if (trimmed === 'false' || trimmed === '0') return false;
      }
      return text;
    }
  }
}

function decodeObject(properties: Map<string, Shape>, element: XmlElement, at: Position, issues: IssueList): unknown {
  if (isTextOnly(element)) return element.text.trim() === '' ? {} : element.text;
  const result: Record<string, unknown> = {};
  for (const [name, elements] of byName(element.children)) {
    const child = properties.get(name);
    const position: Position = { parent: at, member: name, element: name };
    if (child && child.kind !== 'array' && elements.length > 1) {
      issues.add(() => issueAt(position, 'XML.REPEATED_ELEMENT', `<${cutShort(name)}> may appear only once here`));
      continue;
    }
    // Members the schema does not know, and a repeated array, are kept as read: the validator names them.
    const decoded = child && elements.length === 1 ? decode(child, elements[0]!, position, issues) : compactOfAll(elements);
    // The parser refuses prototype-reaching names; should one get here, it stays an own member.
    if (name === '__proto__') Object.defineProperty(result, name, { value: decoded, enumerable: true, writable: true, configurable: true });
    else result[name] = decoded;
  }
  reportMarkup(element, at, issues);
  return result;
}

function decodeArray(itemName: string, items: Shape, element: XmlElement, at: Position, issues: IssueList): unknown {
  if (isTextOnly(element)) return element.text.trim() === '' ? [] : element.text;
  let unexpected: Set<string> | undefined;
  for (const { name } of element.children) {
    if (name === itemName || unexpected?.has(name)) continue;
    (unexpected ??= new Set()).add(name);
    issues.add(() => issueAt(at, 'XML.UNEXPECTED_ELEMENT', `Only <${itemName}> elements are expected here, not <${cutShort(name)}>`, name));
  }
  reportMarkup(element, at, issues);
  const list: unknown[] = [];
  for (const child of element.children) {
    if (child.name === itemName) list.push(decode(items, child, { parent: at, member: list.length, element: itemName }, issues));
  }
  return list;
}

/** The text of a leaf element; an element with children stays an object for the validator to refuse. */
function leafText(element: XmlElement, at: Position, issues: IssueList): unknown {
  if (isTextOnly(element)) return element.text;
  reportAttributes(element, at, issues);
  return element.children.length > 0 ? compactOf(element) : element.text;
}

/** Child elements grouped by name, in the order each name first appears. */
function byName(children: XmlElement[]): Map<string, XmlElement[]> {
  const groups = new Map<string, XmlElement[]>();
  for (const child of children) {
    const group = groups.get(child.name);
    if (group) group.push(child);
    else groups.set(child.name, [child]);
  }
  return groups;
}

/** Text beside child elements (other than whitespace) and attributes are reported. */
function reportMarkup(element: XmlElement, at: Position, issues: IssueList): void {
  if (element.text.trim() !== '') issues.add(() => issueAt(at, 'XML.UNEXPECTED_TEXT', 'Text is not expected beside child elements'));
  reportAttributes(element, at, issues);
}

/** Namespace declarations are markup; any other attribute is reported. */
function reportAttributes(element: XmlElement, at: Position, issues: IssueList): void {
  for (const { name } of element.attributes ?? []) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) {
      issues.add(() => issueAt(at, 'XML.ATTRIBUTE_NOT_ALLOWED', `Attributes are not used; found ${cutShort(name)}`, `@${name}`));
    }
  }
}
