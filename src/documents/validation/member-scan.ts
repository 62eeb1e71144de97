import { escapePointer } from '../../catalog/schema-shape.js';
import { cutShort } from '../../kernel/errors/cut-short.js';
import type { ValidationIssue } from '../../kernel/validation-issue.js';

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// Characters XML 1.0 cannot carry, and unpaired surrogates: such text could not be delivered as XML.
const NOT_XML_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// A plain character class runs far faster than the surrogate look-arounds; only text it flags gets the exact test.
// eslint-disable-next-line no-control-regex -- as above
const MAYBE_NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export interface MemberScan {
  /**
   * Member names that could reach Object.prototype when code copies objects, or that
   * MongoDB cannot store (`$`-prefixed, dotted, NUL): refused before anything else
   * looks at the document (`JSON.FORBIDDEN_KEY`).
   */
  forbiddenKeys: ValidationIssue[];
  /** Text that XML cannot carry to agencies and partners (`TEXT.INVALID_CHARACTER`). */
  invalidText: ValidationIssue[];
}

/** An object or array being walked: its members' names (an object's) and the next one to visit. */
interface Frame {
  node: object;
  keys: string[] | undefined;
  next: number;
}

/**
 * One walk over every member of a document, checking names and text together. Each
 * list stops at `limit`. Pointers are built only for the members reported: every
 * document is walked whole, and almost none has a problem. The walk keeps its own
 * stack rather than recursing, so no nesting the client sends can exhaust the call
 * stack (the body parsers bound JSON nesting anyway; this holds for any caller).
 */
export function scanMembers(document: unknown, limit: number): MemberScan {
  const scan: MemberScan = { forbiddenKeys: [], invalidText: [] };
  // path[i] names the member frames[i + 1] (or the string being checked) sits at.
  const path: (string | number)[] = [];
  const frames: Frame[] = [];
  const pointerTo = (last?: string) => {
    const segments = last === undefined ? path : [...path, last];
    return segments.map((segment) => `/${typeof segment === 'number' ? segment : escapePointer(segment)}`).join('');
  };
  const full = () => scan.forbiddenKeys.length >= limit;
  const visit = (node: unknown): boolean => {
    if (typeof node === 'string') {
      if (MAYBE_NOT_XML_TEXT.test(node) && NOT_XML_TEXT.test(node) && scan.invalidText.length < limit) {
        scan.invalidText.push({
          pointer: pointerTo(),
          code: 'TEXT.INVALID_CHARACTER',
          message: 'contains a control character that XML cannot carry',
        });
      }
      return false;
    }
    if (typeof node !== 'object' || node === null) return false;
    frames.push({ node, keys: Array.isArray(node) ? undefined : Object.keys(node), next: 0 });
    return true;
  };

  visit(document);
  while (frames.length > 0 && !full()) {
    const frame = frames[frames.length - 1]!;
    const { node, keys } = frame;
    const length = keys === undefined ? (node as unknown[]).length : keys.length;
    if (frame.next >= length) {
      frames.pop();
      path.pop();
      continue;
    }
    const index = frame.next;
    frame.next += 1;
    if (keys === undefined) {
      path.push(index);
      if (!visit((node as unknown[])[index])) path.pop();
      continue;
    }
    const key = keys[index]!;
    if (PROTOTYPE_KEYS.has(key) || key.startsWith('$') || key.includes('.') || key.includes('\u0000')) {
      scan.forbiddenKeys.push({
        pointer: pointerTo(key),
        code: 'JSON.FORBIDDEN_KEY',
        message: `the member name "${cutShort(key)}" is not accepted`,
      });
      continue;
    }
    path.push(key);
    if (!visit((node as Record<string, unknown>)[key])) path.pop();
  }
  return scan;
}
