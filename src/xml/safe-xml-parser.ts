import { XMLParser } from 'fast-xml-parser';
import { cutShort } from '../kernel/errors/cut-short.js';
import { DomainError, malformed } from '../kernel/errors/domain-error.js';
import { decodeXmlReferences } from './xml-references.js';
import { ATTRIBUTE_PREFIX, compactOf, TEXT_MEMBER, type XmlAttribute, type XmlElement } from './xml-tree.js';
import { checkWellFormed, type XmlLimits } from './xml-well-formedness.js';

export type { XmlLimits } from './xml-well-formedness.js';

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

export interface ParsedXmlTree {
  /** Local name of the root element (namespace prefix removed). */
  root: string;
  /** Namespace URI of the root element, when it declares one. */
  namespace?: string;
  element: XmlElement;
}

/**
 * Names that would reach Object.prototype machinery if they became object keys;
 * fast-xml-parser refuses the same element names, but only before a namespace
 * prefix is removed.
 */
const FORBIDDEN_ELEMENT_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);
/** Attributes become `@_name` keys, so only names that are dangerous on their own are refused. */
const FORBIDDEN_ATTRIBUTE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const DOCTYPE_OR_ENTITY = /<!\s*(DOCTYPE|ENTITY)/i;
/** Where fast-xml-parser puts a node's attributes, and CDATA (kept apart from text, whose references are decoded). */
const ATTRIBUTES_MEMBER = ':@';
const CDATA_MEMBER = '#cdata';

/** A node of fast-xml-parser's `preserveOrder` output: `{ name: children, ':@': attributes }`, `{ '#text': text }` or `{ '#cdata': [{ '#text': text }] }`. */
type OrderedNode = Record<string, unknown>;

/**
 * Parses XML from an untrusted client into fast-xml-parser's object form (see
 * ParsedXml). See parseUntrustedXmlTree for what is refused.
 */
export function parseUntrustedXml(text: string, limits: XmlLimits): ParsedXml {
  const { root, namespace, element } = parseUntrustedXmlTree(text, limits);
  return { root, namespace, content: compactOf(element) };
}

/**
 * Parses XML from an untrusted client into a tree of elements. DOCTYPE (and with it
 * every entity declaration, internal or external) is refused before any parsing, so
 * neither entity expansion nor external fetches can happen; only the five predefined
 * entities and character references are decoded. One pass checks well-formedness
 * (errors carry a line and column), nesting depth and element count before
 * fast-xml-parser builds the tree; prototype-reaching names are refused while it is
 * read. Every failure is a malformed DomainError with a stable `XML.*` code.
 */
export function parseUntrustedXmlTree(text: string, limits: XmlLimits): ParsedXmlTree {
  if (DOCTYPE_OR_ENTITY.test(text)) {
    throw malformed('XML.DOCTYPE_FORBIDDEN', 'XML documents must not contain a DOCTYPE or ENTITY declaration');
  }
  checkWellFormed(text, limits);

  let nodes: OrderedNode[];
  try {
    nodes = parserFor(limits).parse(text) as OrderedNode[];
  } catch (error) {
    throw translateParserError(error, limits);
  }
  const roots = nodes.filter((node) => nodeName(node) !== TEXT_MEMBER);
  if (roots.length !== 1) throw malformed('XML.MALFORMED', 'The XML must have exactly one root element');
  const qualifiedName = nodeName(roots[0]!)!;
  const element = toElement(roots[0]!, qualifiedName);
  return { root: element.name, namespace: rootNamespace(element, prefixOf(qualifiedName)), element };
}

/**
 * fast-xml-parser with untrusted-input settings. The values stay raw strings (no
 * entity processing, no coercion, no trimming); references are decoded in toElement,
 * where CDATA can be told apart. Its nesting limit backs up the well-formedness pass.
 */
function parserFor(limits: XmlLimits): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    textNodeName: TEXT_MEMBER,
    cdataPropName: CDATA_MEMBER,
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
    onDangerousProperty: (name) => {
      throw forbiddenName('element', name);
    },
  });
}

function toElement(node: OrderedNode, qualifiedName: string): XmlElement {
  const name = localName(qualifiedName);
  if (FORBIDDEN_ELEMENT_NAMES.has(name)) throw forbiddenName('element', name);
  const element: XmlElement = { name, attributes: attributesOf(node[ATTRIBUTES_MEMBER]), children: [], text: '' };
  for (const child of node[qualifiedName] as OrderedNode[]) {
    const childName = nodeName(child)!;
    if (childName === TEXT_MEMBER) element.text += decodeXmlReferences(child[TEXT_MEMBER] as string);
    else if (childName === CDATA_MEMBER) element.text += cdataText(child);
    else element.children.push(toElement(child, childName));
  }
  return element;
}

function attributesOf(raw: unknown): XmlAttribute[] | undefined {
  if (raw === undefined) return undefined;
  const attributes: XmlAttribute[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, string>)) {
    const name = key.slice(ATTRIBUTE_PREFIX.length);
    if (FORBIDDEN_ATTRIBUTE_NAMES.has(localName(name))) throw forbiddenName('attribute', localName(name));
    attributes.push({ name, value: decodeXmlReferences(value) });
  }
  return attributes.length > 0 ? attributes : undefined;
}

function cdataText(node: OrderedNode): string {
  const [content] = node[CDATA_MEMBER] as OrderedNode[];
  return typeof content?.[TEXT_MEMBER] === 'string' ? content[TEXT_MEMBER] : '';
}

/** A node's name: its first key that is not the attributes. */
function nodeName(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ATTRIBUTES_MEMBER) return key;
  return undefined;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? '' : name.slice(0, colon);
}

function rootNamespace(root: XmlElement, prefix: string): string | undefined {
  const declaration = prefix ? `xmlns:${prefix}` : 'xmlns';
  return root.attributes?.find((attribute) => attribute.name === declaration)?.value;
}

function forbiddenName(kind: 'element' | 'attribute', name: string): DomainError {
  return malformed('XML.FORBIDDEN_NAME', `The XML ${kind} name "${cutShort(name)}" is not accepted`, { name: cutShort(name) });
}

function translateParserError(error: unknown, limits: XmlLimits): DomainError {
  if (error instanceof DomainError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('Maximum nested tags')) {
    return malformed('XML.TOO_DEEP', `The XML nests elements deeper than ${limits.maxDepth} levels`, { maxDepth: limits.maxDepth });
  }
  if (message.includes('[SECURITY]')) {
    return malformed('XML.FORBIDDEN_NAME', 'The XML uses a name that is not accepted');
  }
  return malformed('XML.MALFORMED', `The XML could not be read: ${cutShort(message, 200)}`);
}
