import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError, badRequest } from '../platform/http/app-error.js';
import { decodeXmlReferences } from './xml-references.js';

export interface XmlLimits {
  /** Deepest element nesting accepted, the root counting as depth 1. */
  maxDepth: number;
  /** Most elements accepted in one document. */
  maxElements: number;
}

export interface ParsedXml {
  /** Local name of the root element (namespace prefix removed). */
  root: string;
  /** Namespace URI of the root element, when it declares one. */
  namespace?: string;
  /**
   * The root element's content as fast-xml-parser objects: child elements by local
   * name (repeated names become arrays), text as strings, attributes as `@_name`,
   * text beside child elements as `#text`. Every value is a string, never coerced.
   */
  content: unknown;
}

/** Names that would reach Object.prototype machinery if they became object keys. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const DOCTYPE_OR_ENTITY = /<!\s*(DOCTYPE|ENTITY)/i;
const ATTRIBUTE_PREFIX = '@_';
const OUTSIDE_ROOT = /^\uFEFF?\s*$/;

/**
 * Parses XML from an untrusted client. DOCTYPE (and with it every entity declaration,
 * internal or external) is refused before any parsing, so neither entity expansion nor
 * external fetches can happen; only the five predefined entities and character
 * references are decoded. Well-formedness is checked first so errors carry a line and
 * column; nesting depth, element count and prototype-reaching names are limited while
 * the tree is built. Every failure is an AppError 400 with a stable `XML.*` code.
 */
export function parseUntrustedXml(text: string, limits: XmlLimits): ParsedXml {
  if (DOCTYPE_OR_ENTITY.test(text)) {
    throw badRequest('XML.DOCTYPE_FORBIDDEN', 'XML documents must not contain a DOCTYPE or ENTITY declaration');
  }
  const wellFormed = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    throw badRequest('XML.MALFORMED', `The XML is not well-formed: ${msg}`, { line, column: col });
  }
  // The validator lets text before or after the root element pass; XML does not.
  if (!OUTSIDE_ROOT.test(text.slice(0, text.indexOf('<'))) || !OUTSIDE_ROOT.test(text.slice(text.lastIndexOf('>') + 1))) {
    throw badRequest('XML.MALFORMED', 'The XML has text outside its root element');
  }

  let elements = 0;
  let rootPrefix: string | undefined;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: false,
    jPath: false,
    // fast-xml-parser counts the element being opened beyond the stack, hence the - 1.
    maxNestedTags: Math.max(0, limits.maxDepth - 1),
    transformTagName: (name) => {
      const local = localName(name);
      rootPrefix ??= name.includes(':') ? name.slice(0, name.indexOf(':')) : '';
      refuseForbidden(local, 'element');
      return local;
    },
    updateTag: (name) => {
      elements += 1;
      if (elements > limits.maxElements) {
        throw badRequest('XML.TOO_MANY_ELEMENTS', `The XML has more than ${limits.maxElements} elements`, { maxElements: limits.maxElements });
      }
      return name;
    },
    tagValueProcessor: (_name, value) => decodeXmlReferences(value),
    attributeValueProcessor: (name, value) => {
      refuseForbidden(localName(name), 'attribute');
      return decodeXmlReferences(value);
    },
    onDangerousProperty: (name) => {
      throw badRequest('XML.FORBIDDEN_NAME', `The XML name "${name}" is not accepted`, { name });
    },
  });

  let tree: Record<string, unknown>;
  try {
    tree = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw translateParserError(error, limits);
  }
  const roots = Object.keys(tree);
  if (roots.length !== 1 || Array.isArray(tree[roots[0]!])) {
    throw badRequest('XML.MALFORMED', 'The XML must have exactly one root element');
  }
  const root = roots[0]!;
  const content = tree[root];
  return { root, namespace: rootNamespace(content, rootPrefix ?? ''), content };
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function refuseForbidden(name: string, kind: 'element' | 'attribute'): void {
  if (FORBIDDEN_NAMES.has(name)) {
    throw badRequest('XML.FORBIDDEN_NAME', `The XML ${kind} name "${name}" is not accepted`, { name });
  }
}

function rootNamespace(content: unknown, prefix: string): string | undefined {
  if (typeof content !== 'object' || content === null) return undefined;
  const declaration = (content as Record<string, unknown>)[prefix ? `${ATTRIBUTE_PREFIX}xmlns:${prefix}` : `${ATTRIBUTE_PREFIX}xmlns`];
  return typeof declaration === 'string' ? declaration : undefined;
}

function translateParserError(error: unknown, limits: XmlLimits): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('Maximum nested tags')) {
    return badRequest('XML.TOO_DEEP', `The XML nests elements deeper than ${limits.maxDepth} levels`, { maxDepth: limits.maxDepth });
  }
  if (message.includes('[SECURITY]')) {
    return badRequest('XML.FORBIDDEN_NAME', 'The XML uses a name that is not accepted');
  }
  return badRequest('XML.MALFORMED', `The XML could not be read: ${message}`);
}
