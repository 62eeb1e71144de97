import { escapePointer, type Shape } from '../catalog/schema-shape.js';
import type { ValidationIssue } from '../documents/validation-issue.js';

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const ATTRIBUTE = '@_';
const TEXT = '#text';

interface Position {
  pointer: string;
  xmlPath: string;
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
  const data = decode(shape, content, { pointer: '', xmlPath: rootPath }, issues);
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
    const position = { pointer: `${at.pointer}/${escapePointer(name)}`, xmlPath: `${at.xmlPath}/${name}` };
    if (child && child.kind !== 'array' && Array.isArray(value)) {
      issues.push({ ...position, code: 'XML.REPEATED_ELEMENT', message: `<${name}> may appear only once here` });
      continue;
    }
    // Members the schema does not know are kept as they are: the validator names them.
    Object.defineProperty(result, name, { value: child ? decode(child, value, position, issues) : value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function decodeArray(itemName: string, items: Shape, raw: unknown, at: Position, issues: ValidationIssue[]): unknown {
  if (typeof raw === 'string') return raw.trim() === '' ? [] : raw;
  if (!isRecord(raw)) return raw;
  for (const [name, value] of Object.entries(raw)) {
    if (name !== itemName && !isMarkup(name, value, at, issues)) {
      issues.push({ pointer: at.pointer, xmlPath: `${at.xmlPath}/${name}`, code: 'XML.UNEXPECTED_ELEMENT', message: `Only <${itemName}> elements are expected here, not <${name}>` });
    }
  }
  const present = raw[itemName];
  const list = present === undefined ? [] : Array.isArray(present) ? present : [present];
  return list.map((item, index) => decode(items, item, { pointer: `${at.pointer}/${index}`, xmlPath: `${at.xmlPath}/${itemName}[${index + 1}]` }, issues));
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
      issues.push({ pointer: at.pointer, xmlPath: `${at.xmlPath}/@${attribute}`, code: 'XML.ATTRIBUTE_NOT_ALLOWED', message: `Attributes are not used; found ${attribute}` });
    }
    return true;
  }
  if (name === TEXT) {
    if (typeof value === 'string' && value.trim() !== '') {
      issues.push({ pointer: at.pointer, xmlPath: at.xmlPath, code: 'XML.UNEXPECTED_TEXT', message: 'Text is not expected beside child elements' });
    }
    return true;
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
