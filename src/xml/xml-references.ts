import { malformed } from '../kernel/errors/domain-error.js';

/** A Map, not an object literal: `&constructor;` must not find Object.prototype's member. */
const PREDEFINED = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);
const REFERENCE_SOURCE = '&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z_][\\w.-]{0,63});';
const REFERENCE = new RegExp(REFERENCE_SOURCE, 'g');
const REFERENCE_AT = new RegExp(REFERENCE_SOURCE, 'y');

/**
 * Where the reference starting with the `&` at `index` ends (just after its `;`),
 * or -1 when no reference starts there. The well-formedness check requires every
 * `&` to start one, so decodeXmlReferences (same pattern) leaves none undecoded.
 */
export function referenceEnd(text: string, index: number): number {
  REFERENCE_AT.lastIndex = index;
  return REFERENCE_AT.test(text) ? REFERENCE_AT.lastIndex : -1;
}

/**
 * Why the reference `&body;` makes a document not well-formed, or undefined when it
 * may be used. Any entity but the five predefined ones would need a DOCTYPE to be
 * declared, which is refused, so it is undeclared.
 */
export function referenceProblem(body: string): string | undefined {
  if (body.startsWith('#')) {
    return isXmlChar(codePointOf(body)) ? undefined : `The character reference &${body}; is not an XML character`;
  }
  return PREDEFINED.has(body) ? undefined : `The entity &${body}; is not declared (only the predefined XML entities are accepted)`;
}

/** Decodes the five predefined XML entities and character references; any other reference is refused. */
export function decodeXmlReferences(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(REFERENCE, (_match, body: string) => {
    const problem = referenceProblem(body);
    if (problem !== undefined) throw malformed('XML.MALFORMED', problem);
    return body.startsWith('#') ? String.fromCodePoint(codePointOf(body)) : PREDEFINED.get(body)!;
  });
}

/** The code point of a character reference's body: `#233` or `#xE9`. */
function codePointOf(body: string): number {
  return body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
}

/** XML 1.0 `Char` production. */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}
