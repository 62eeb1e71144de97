import { escapePointer, type Shape } from '../catalog/schema-shape.js';
import type { ValidationIssue } from '../documents/validation-issue.js';

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const ATTRIBUTE = '@_';
const TEXT = '#text';

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
 * Turns the parsed XML content of a document (strings only, see parseUntrustedXml)
 * into canonical JSON following the schema's shape: wrapped arrays become arrays,
 * numbers and booleans are converted, empty elements become "", {} or []. Values
 * that do not convert are kept as text so the schema validator reports them with
 * their pointer; what only XML can get wrong (attributes, stray text, a single
 * member repeated) is reported here.
 */
export function decodeXmlContent(shape: Shape, content: unknown, rootPath: string): { data: unknown; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const data = decode(shape, content, { member: '', element: rootPath }, issues);
  return { data, issues };
}

function decode(shape: Shape, raw: unknown, at: Position, issues: ValidationIssue[]): unknown {
  switch (shape.kind) {
    case 'object':
      return decodeObject(shape.properties, raw, at, issues);
    case 'array':
      return decodeArray(shape.itemName, shape.items, raw, at, issues);
    default: {
      const text = leafText(raw, at, issues);
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

function decodeObject(properties: Map<string, Shape>, raw: unknown, at: Position, issues: ValidationIssue[]): unknown {
  if (typeof raw === 'string') return raw.trim() === '' ? {} : raw;
  if (!isRecord(raw)) return raw;
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (isMarkup(name, value, at, issues)) continue;
    const child = properties.get(name);
    const position: Position = { parent: at, member: name, element: name };
    if (child && child.kind !== 'array' && Array.isArray(value)) {
      issues.push(issueAt(position, 'XML.REPEATED_ELEMENT', `<${name}> may appear only once here`));
      continue;
    }
    // Members the schema does not know are kept as they are: the validator names them.
    const decoded = child ? decode(child, value, position, issues) : value;
    // The parser refuses prototype-reaching names; should one get here, it stays an own member.
    if (name === '__proto__') Object.defineProperty(result, name, { value: decoded, enumerable: true, writable: true, configurable: true });
    else result[name] = decoded;
  }
  return result;
}

function decodeArray(itemName: string, items: Shape, raw: unknown, at: Position, issues: ValidationIssue[]): unknown {
  if (typeof raw === 'string') return raw.trim() === '' ? [] : raw;
  if (!isRecord(raw)) return raw;
  for (const [name, value] of Object.entries(raw)) {
    if (name !== itemName && !isMarkup(name, value, at, issues)) {
      issues.push(issueAt(at, 'XML.UNEXPECTED_ELEMENT', `Only <${itemName}> elements are expected here, not <${name}>`, name));
    }
  }
  const present = raw[itemName];
  const list = present === undefined ? [] : Array.isArray(present) ? present : [present];
  return list.map((item, index) => decode(items, item, { parent: at, member: index, element: itemName }, issues));
}

/** The text of a leaf element; an element with children stays an object for the validator to refuse. */
function leafText(raw: unknown, at: Position, issues: ValidationIssue[]): unknown {
  if (!isRecord(raw)) return raw;
  let hasChildren = false;
  for (const [name, value] of Object.entries(raw)) {
    if (name !== TEXT && !isMarkup(name, value, at, issues)) hasChildren = true;
  }
  if (hasChildren) return raw;
  return typeof raw[TEXT] === 'string' ? raw[TEXT] : '';
}

/** Namespace declarations and whitespace are markup; other attributes and stray text are reported. */
function isMarkup(name: string, value: unknown, at: Position, issues: ValidationIssue[]): boolean {
  if (name.startsWith(ATTRIBUTE)) {
    const attribute = name.slice(ATTRIBUTE.length);
    if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) {
      issues.push(issueAt(at, 'XML.ATTRIBUTE_NOT_ALLOWED', `Attributes are not used; found ${attribute}`, `@${attribute}`));
    }
    return true;
  }
  if (name === TEXT) {
    if (typeof value === 'string' && value.trim() !== '') {
      issues.push(issueAt(at, 'XML.UNEXPECTED_TEXT', 'Text is not expected beside child elements'));
    }
    return true;
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
