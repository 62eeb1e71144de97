import { escapePointer } from '../../catalog/schema-shape.js';
import type { ValidationIssue } from '../../kernel/validation-issue.js';

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// Characters XML 1.0 cannot carry, and unpaired surrogates: such text could not be delivered as XML.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
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

/**
 * One walk over every member of a document, checking names and text together. Each
 * list stops at `limit`. Pointers are built only for the members reported: every
 * document is walked whole, and almost none has a problem.
 */
export function scanMembers(document: unknown, limit: number): MemberScan {
  const scan: MemberScan = { forbiddenKeys: [], invalidText: [] };
  const path: (string | number)[] = [];
  const pointerTo = (last?: string) => {
    const segments = last === undefined ? path : [...path, last];
    return segments.map((segment) => `/${typeof segment === 'number' ? segment : escapePointer(segment)}`).join('');
  };
  const full = () => scan.forbiddenKeys.length >= limit;

  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      if (MAYBE_NOT_XML_TEXT.test(node) && NOT_XML_TEXT.test(node) && scan.invalidText.length < limit) {
        scan.invalidText.push({ pointer: pointerTo(), code: 'TEXT.INVALID_CHARACTER', message: 'contains a control character that XML cannot carry' });
      }
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length && !full(); index += 1) {
        path.push(index);
        walk(node[index]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(node)) {
      if (full()) return;
      if (PROTOTYPE_KEYS.has(key) || key.startsWith('$') || key.includes('.') || key.includes('\u0000')) {
        scan.forbiddenKeys.push({ pointer: pointerTo(key), code: 'JSON.FORBIDDEN_KEY', message: `the member name "${key.slice(0, 64)}" is not accepted` });
        continue;
      }
      path.push(key);
      walk((node as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  walk(document);
  return scan;
}
