import { escapePointer } from '../../catalog/schema-shape.js';
import type { ValidationIssue } from '../validation-issue.js';

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Member names that could reach Object.prototype when code copies objects, or that
 * MongoDB cannot store (`$`-prefixed, dotted, NUL): refused wherever they appear,
 * before anything else looks at the document. Pointers are built only for the names
 * found: every document is walked whole, and almost none has one.
 */
export function forbiddenKeys(value: unknown, pointer = '', found: ValidationIssue[] = [], limit = 20): ValidationIssue[] {
  const path: (string | number)[] = [];
  const pointerTo = (key: string) => `${pointer}${path.map((segment) => `/${typeof segment === 'number' ? segment : escapePointer(segment)}`).join('')}/${escapePointer(key)}`;
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length && found.length < limit; index += 1) {
        path.push(index);
        walk(node[index]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(node)) {
      if (found.length >= limit) return;
      if (PROTOTYPE_KEYS.has(key) || key.startsWith('$') || key.includes('.') || key.includes('\u0000')) {
        found.push({ pointer: pointerTo(key), code: 'JSON.FORBIDDEN_KEY', message: `the member name "${key.slice(0, 64)}" is not accepted` });
        continue;
      }
      path.push(key);
      walk((node as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  if (found.length < limit) walk(value);
  return found;
}
