import { badRequest } from '../platform/http/app-error.js';

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z_][\w.-]{0,63});/g;

/**
 * Decodes the five predefined XML entities and character references. Any other
 * entity would need a DOCTYPE to be declared, which is refused, so it is an error:
 * an undeclared entity makes the document not well-formed.
 */
export function decodeXmlReferences(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(REFERENCE, (_match, body: string) => {
    if (body.startsWith('#')) {
      const codePoint = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!isXmlChar(codePoint)) {
        throw badRequest('XML.MALFORMED', `The character reference &${body}; is not an XML character`);
      }
      return String.fromCodePoint(codePoint);
    }
    const replacement = PREDEFINED[body];
    if (replacement === undefined) {
      throw badRequest('XML.MALFORMED', `The entity &${body}; is not declared (only the predefined XML entities are accepted)`);
    }
    return replacement;
  });
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
