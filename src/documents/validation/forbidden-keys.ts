import { escapePointer } from '../../catalog/schema-shape.js';
import type { ValidationIssue } from '../validation-issue.js';

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Member names that could reach Object.prototype when code copies objects, or that
 * MongoDB cannot store (`$`-prefixed, dotted, NUL): refused wherever they appear,
 * before anything else looks at the document.
 */
export function forbiddenKeys(value: unknown, pointer = '', found: ValidationIssue[] = [], limit = 20): ValidationIssue[] {
  if (found.length >= limit || typeof value !== 'object' || value === null) return found;
  if (Array.isArray(value)) {
    value.forEach((item, index) => forbiddenKeys(item, `${pointer}/${index}`, found, limit));
    return found;
  }
  for (const key of Object.keys(value)) {
    const at = `${pointer}/${escapePointer(key)}`;
    if (PROTOTYPE_KEYS.has(key) || key.startsWith('$') || key.includes('.') || key.includes('\u0000')) {
      found.push({ pointer: at, code: 'JSON.FORBIDDEN_KEY', message: `the member name "${key.slice(0, 64)}" is not accepted` });
      if (found.length >= limit) return found;
      continue;
    }
    forbiddenKeys((value as Record<string, unknown>)[key], at, found, limit);
  }
  return found;
}
