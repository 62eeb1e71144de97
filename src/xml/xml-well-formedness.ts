import { cutShort, QUOTE_LENGTH } from '../kernel/errors/cut-short.js';
import { malformed } from '../kernel/errors/domain-error.js';
import { referenceEnd, referenceProblem } from './xml-references.js';

export interface XmlLimits {
  /** Deepest element nesting accepted, the root counting as depth 1. */
  maxDepth: number;
  /** Most elements accepted in one document. */
  maxElements: number;
  /** Most attributes on one element, namespace declarations included (default 32). */
  maxAttributes?: number;
  /** Longest element, attribute or processing-instruction name (default 256). */
  maxNameLength?: number;
  /** Longest run of text between two tags, CDATA section or attribute value (default 65 536). */
  maxTextLength?: number;
}

/** The limits a caller leaves out: the service's defaults (see settings.ts). */
const DEFAULT_LIMITS = { maxAttributes: 32, maxNameLength: 256, maxTextLength: 65_536 };

/**
 * XML name characters (as fast-xml-parser's validator has them) minus U+1680 and
 * U+FEFF: JavaScript's `\s` matches those two, and fast-xml-parser ends a tag name
 * at `\s`, so a name holding one would be read differently by the two passes.
 */
const NAME_START_CHARS =
  ':A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u167F\\u1681-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFEFE\\uFF00-\\uFFFD';
// The combining marks come first: after another character they would read as one with it.
const NAME_CHARS = `\\u0300-\\u036F${NAME_START_CHARS}\\-.0-9\\u00B7\\u203F-\\u2040`;
const NAME = new RegExp(`[${NAME_START_CHARS}][${NAME_CHARS}]*`, 'y');

const S = '[ \\t\\r\\n]';
const quoted = (value: string) => `(?:"${value}"|'${value}')`;
/** `<?xml version="1.x" encoding="..." standalone="yes|no"?>`, encoding and standalone optional. */
const XML_DECLARATION = new RegExp(
  `^<\\?xml${S}+version${S}*=${S}*${quoted('1\\.[0-9]+')}` +
    `(?:${S}+encoding${S}*=${S}*${quoted('[A-Za-z][A-Za-z0-9._-]*')})?` +
    `(?:${S}+standalone${S}*=${S}*${quoted('(?:yes|no)')})?${S}*\\?>$`,
);

const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BOM = 0xfeff;

/**
 * Checks in one pass that a document is well-formed XML within the limits: names
 * are XML names, every start tag is closed by an end tag of the same name in the
 * right order, there is exactly one root element and nothing but whitespace,
 * comments and processing instructions outside it, attributes are `name="value"`
 * without duplicates or `<`, and every `&` starts a reference. DOCTYPE and other
 * declarations are refused. Markup that fast-xml-parser would read differently
 * from XML (quotes in processing instructions) is refused too, so the tree it
 * builds afterwards is the document this pass checked. Throws a malformed DomainError:
 * `XML.MALFORMED` with line and column, `XML.TOO_DEEP` or `XML.TOO_MANY_ELEMENTS`.
 */
export function checkWellFormed(text: string, limits: XmlLimits): void {
  new WellFormednessCheck(text, { ...DEFAULT_LIMITS, ...limits }).run();
}

class WellFormednessCheck {
  /** Names of the elements open at the current position, outermost first. */
  private readonly openNames: string[] = [];
  /** Where each open element's start tag begins, for messages. */
  private readonly openStarts: number[] = [];
  private elements = 0;
  private rootSeen = false;
  /** Position of the next `&` at or after the last one checked; text.length when there is none. */
  private nextAmpersand = -1;
  /** Where an XML declaration may stand: the very start, after a byte order mark. */
  private readonly documentStart: number;

  constructor(
    private readonly text: string,
    private readonly limits: Required<XmlLimits>,
  ) {
    this.documentStart = text.charCodeAt(0) === BOM ? 1 : 0;
  }

  run(): void {
    const { text } = this;
    let position = this.documentStart;
    for (;;) {
      const markup = text.indexOf('<', position);
      this.checkCharacterData(position, markup === -1 ? text.length : markup);
      if (markup === -1) break;
      position = this.readMarkup(markup);
    }
    if (this.openNames.length > 0) {
      const last = this.openNames.length - 1;
      this.fail(this.openStarts[last]!, `Unclosed tag '${cutShort(this.openNames[last]!)}'.`);
    }
    if (!this.rootSeen) this.fail(this.documentStart, 'Start tag expected.');
  }

  /** Text between markup: only whitespace outside the root, references checked inside it. */
  private checkCharacterData(start: number, end: number): void {
    if (start === end) return;
    this.checkTextLength(start, end);
    if (this.openNames.length === 0) {
      for (let index = start; index < end; index += 1) {
        if (!isWhitespace(this.text.charCodeAt(index))) this.fail(index, 'Text is not allowed outside the root element.');
      }
      return;
    }
    this.checkReferences(start, end);
  }

  /** Every `&` in [start, end) must start a reference to a predefined entity or an XML character. */
  private checkReferences(start: number, end: number): void {
    if (this.nextAmpersand < start) this.nextAmpersand = this.indexOrEnd('&', start);
    while (this.nextAmpersand < end) {
      const ampersand = this.nextAmpersand;
      const after = referenceEnd(this.text, ampersand);
      if (after === -1) this.fail(ampersand, "'&' must start a reference such as &amp;.");
      const problem = referenceProblem(this.text.slice(ampersand + 1, after - 1));
      if (problem !== undefined) this.fail(ampersand, problem);
      this.nextAmpersand = this.indexOrEnd('&', after);
    }
  }

  /** Reads the markup starting with the `<` at `start`; returns the position just after it. */
  private readMarkup(start: number): number {
    const { text } = this;
    const next = text.charCodeAt(start + 1);
    if (next === SLASH) return this.readEndTag(start);
    if (next === QUESTION) return this.readProcessingInstruction(start);
    if (next === BANG) {
      if (text.startsWith('<!--', start)) return this.skipTo('-->', start + 4, start, 'Comment is not closed.');
      if (text.startsWith('<![CDATA[', start)) {
        if (this.openNames.length === 0) this.fail(start, 'CDATA is not allowed outside the root element.');
        const end = this.skipTo(']]>', start + 9, start, 'CDATA section is not closed.');
        this.checkTextLength(start + 9, end - 3);
        return end;
      }
      this.fail(start, 'Declarations (<!...>) are not accepted.');
    }
    return this.readStartTag(start);
  }

  private readStartTag(start: number): number {
    if (this.rootSeen && this.openNames.length === 0) this.fail(start, 'Multiple root elements found.');
    const nameEnd = this.nameEnd(start + 1);
    if (nameEnd === -1) this.fail(start + 1, "'<' must start a tag with a valid name.");
    this.checkNameLength(start + 1, nameEnd);
    const name = this.text.slice(start + 1, nameEnd);
    this.countElement();
    const end = this.readAttributes(nameEnd, start, name);
    this.rootSeen = true;
    if (this.text.charCodeAt(end) === SLASH) {
      if (this.text.charCodeAt(end + 1) !== GT) this.fail(end, `Tag '${cutShort(name)}' is not closed properly.`);
      return end + 2;
    }
    this.openNames.push(name);
    this.openStarts.push(start);
    return end + 1;
  }

  private countElement(): void {
    this.elements += 1;
    const { maxElements, maxDepth } = this.limits;
    if (this.elements > maxElements) {
      throw malformed('XML.TOO_MANY_ELEMENTS', `The XML has more than ${maxElements} elements`, { maxElements });
    }
    if (this.openNames.length + 1 > maxDepth) {
      throw malformed('XML.TOO_DEEP', `The XML nests elements deeper than ${maxDepth} levels`, { maxDepth });
    }
  }

  /**
   * Reads the attributes after a start tag's name; returns the position of the `>`
   * or of the `/` of `/>` that ends the tag.
   */
  private readAttributes(position: number, tagStart: number, tagName: string): number {
    const { text } = this;
    let names: Set<string> | undefined;
    for (let count = 0; ; count += 1) {
      const next = this.skipWhitespace(position);
      const code = text.charCodeAt(next);
      if (code === GT || code === SLASH) {
        if (names !== undefined) this.refuseLessThanInside(tagStart, next);
        return next;
      }
      if (next >= text.length) this.fail(tagStart, `Tag '${cutShort(tagName)}' is not closed.`);
      if (next === position)
        this.fail(next, `Tag '${cutShort(tagName)}' has an unexpected character here (attributes are separated by whitespace).`);
      if (count === this.limits.maxAttributes) {
        const { maxAttributes } = this.limits;
        throw malformed('XML.TOO_MANY_ATTRIBUTES', `The XML element <${cutShort(tagName)}> has more than ${maxAttributes} attributes`, {
          maxAttributes,
          ...this.lineAndColumn(next),
        });
      }
      const nameEnd = this.nameEnd(next);
      if (nameEnd === -1) this.fail(next, `Tag '${cutShort(tagName)}' has an invalid attribute.`);
      this.checkNameLength(next, nameEnd);
      const name = text.slice(next, nameEnd);
      names ??= new Set();
      if (names.has(name)) this.fail(next, `Attribute '${cutShort(name)}' is repeated.`);
      names.add(name);
      position = this.readAttributeValue(nameEnd, name);
    }
  }

  /** Reads `= "value"` (or single quotes) after an attribute name; returns the position after the closing quote. */
  private readAttributeValue(nameEnd: number, name: string): number {
    const { text } = this;
    const equals = this.skipWhitespace(nameEnd);
    if (text.charCodeAt(equals) !== EQUALS) this.fail(nameEnd, `Attribute '${cutShort(name)}' has no value.`);
    const open = this.skipWhitespace(equals + 1);
    const quote = text.charCodeAt(open);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) this.fail(open, `The value of attribute '${cutShort(name)}' must be quoted.`);
    const close = text.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", open + 1);
    if (close === -1) this.fail(open, `The value of attribute '${cutShort(name)}' is not closed.`);
    this.checkTextLength(open + 1, close);
    this.checkReferences(open + 1, close);
    return close + 1;
  }

  /** Attribute values may hold `>` but not `<`: one look for a `<` before the tag's end covers all of them. */
  private refuseLessThanInside(tagStart: number, tagEnd: number): void {
    const lessThan = this.text.indexOf('<', tagStart + 1);
    if (lessThan !== -1 && lessThan < tagEnd) this.fail(lessThan, "'<' is not allowed in attribute values.");
  }

  private readEndTag(start: number): number {
    const { text } = this;
    const expected = this.openNames.pop();
    const openedAt = this.openStarts.pop();
    if (expected === undefined || openedAt === undefined) {
      this.fail(start, `Closing tag '${this.nameAt(start + 2)}' has not been opened.`);
    }
    const nameEnd = start + 2 + expected.length;
    const end = this.skipWhitespace(nameEnd);
    if (!text.startsWith(expected, start + 2) || (text.charCodeAt(end) !== GT && this.nameEnd(start + 2) !== nameEnd)) {
      const opened = this.lineAndColumn(openedAt);
      this.fail(
        start,
        `Expected closing tag '${cutShort(expected)}' (opened in line ${opened.line}, col ${opened.column}) instead of closing tag '${this.nameAt(start + 2)}'.`,
      );
    }
    if (text.charCodeAt(end) !== GT) this.fail(start, `Closing tag '${cutShort(expected)}' is not closed properly.`);
    return end + 1;
  }

  /**
   * XML ends a processing instruction at the first `?>`; fast-xml-parser skips
   * quoted strings while looking for it, so a quote left open there is refused.
   */
  private readProcessingInstruction(start: number): number {
    const { text } = this;
    const targetEnd = this.nameEnd(start + 2);
    if (targetEnd === -1) this.fail(start, 'A processing instruction needs a valid target name.');
    this.checkNameLength(start + 2, targetEnd);
    const end = text.indexOf('?>', targetEnd);
    if (end === -1) this.fail(start, 'Processing instruction is not closed.');
    if (text.slice(start + 2, targetEnd).toLowerCase() === 'xml') {
      if (start !== this.documentStart) this.fail(start, 'The XML declaration is allowed only at the start of the document.');
      if (!XML_DECLARATION.test(text.slice(start, end + 2))) this.fail(start, 'The XML declaration is not valid.');
      return end + 2;
    }
    if (end !== targetEnd && !isWhitespace(text.charCodeAt(targetEnd)))
      this.fail(targetEnd, 'A processing instruction target must be followed by whitespace.');
    for (let position = targetEnd; position < end; position += 1) {
      const code = text.charCodeAt(position);
      if (code !== DOUBLE_QUOTE && code !== SINGLE_QUOTE) continue;
      const close = text.indexOf(code === DOUBLE_QUOTE ? '"' : "'", position + 1);
      if (close === -1 || close > end) this.fail(position, 'Quotes in a processing instruction must be closed before its end.');
      position = close;
    }
    return end + 2;
  }

  private skipTo(terminator: string, from: number, start: number, message: string): number {
    const end = this.text.indexOf(terminator, from);
    if (end === -1) this.fail(start, message);
    return end + terminator.length;
  }

  /** Where the XML name starting at `start` ends, or -1 when none starts there. */
  private nameEnd(start: number): number {
    NAME.lastIndex = start;
    return NAME.test(this.text) ? NAME.lastIndex : -1;
  }

  /** The name at `start`, cut short for a message: an end tag's name is not held to the limit before it is quoted. */
  private nameAt(start: number): string {
    const end = this.nameEnd(start);
    return end === -1 ? '' : cutShort(this.text.slice(start, Math.min(end, start + QUOTE_LENGTH + 1)));
  }

  private checkNameLength(start: number, end: number): void {
    const { maxNameLength } = this.limits;
    if (end - start > maxNameLength) {
      throw malformed(
        'XML.NAME_TOO_LONG',
        `The XML name "${cutShort(this.text.slice(start, start + QUOTE_LENGTH + 1))}" is longer than ${maxNameLength} characters`,
        {
          maxNameLength,
          ...this.lineAndColumn(start),
        },
      );
    }
  }

  /** Text runs, CDATA sections and attribute values: each at most maxTextLength characters. */
  private checkTextLength(start: number, end: number): void {
    const { maxTextLength } = this.limits;
    if (end - start > maxTextLength) {
      throw malformed('XML.TEXT_TOO_LONG', `The XML has a text, CDATA section or attribute value longer than ${maxTextLength} characters`, {
        maxTextLength,
        ...this.lineAndColumn(start),
      });
    }
  }

  private skipWhitespace(position: number): number {
    while (isWhitespace(this.text.charCodeAt(position))) position += 1;
    return position;
  }

  private indexOrEnd(search: string, from: number): number {
    const index = this.text.indexOf(search, from);
    return index === -1 ? this.text.length : index;
  }

  private lineAndColumn(index: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let newline = this.text.indexOf('\n'); newline !== -1 && newline < index; newline = this.text.indexOf('\n', newline + 1)) {
      line += 1;
      lineStart = newline + 1;
    }
    return { line, column: index - lineStart + 1 };
  }

  private fail(index: number, message: string): never {
    const { line, column } = this.lineAndColumn(index);
    throw malformed('XML.MALFORMED', `The XML is not well-formed: ${message}`, { line, column });
  }
}

/** XML's `S`: space, tab, carriage return and line feed (not JavaScript's wider `\s`). */
function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}
