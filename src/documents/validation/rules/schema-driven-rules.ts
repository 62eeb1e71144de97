import { forEachLeaf, type Shape } from '../../../catalog/schema-shape.js';
import type { ValidationIssue } from '../../../kernel/validation-issue.js';
import type { BusinessRule } from './business-rule.js';
import { isRealDate } from './dates.js';

/** Per schema, only the members a check applies to: most of a document has no date or code in it. */
const checkedShapes = new WeakMap<Shape, Shape | undefined>();

/**
 * The rules the schema's annotations drive, in one walk over the members they apply to:
 * - every `format: date` member is a day that exists, 2025-02-30 has the shape and is not (`DATE.NOT_REAL`);
 * - every member marked `x-code-list` is in that list, HS codes by their heading (the list's `unknownCode`).
 */
export const annotatedMembersValid: BusinessRule = (data, { shape, codeLists }) => {
  if (!checkedShapes.has(shape)) checkedShapes.set(shape, onlyChecked(shape));
  const checked = checkedShapes.get(shape);
  if (!checked) return [];
  const issues: ValidationIssue[] = [];
  forEachLeaf(checked, data, (leaf, value, pointer) => {
    if (typeof value !== 'string') return;
    if (leaf.format === 'date' && !isRealDate(value)) {
      issues.push({ pointer: pointer(), code: 'DATE.NOT_REAL', message: `${value} is not a calendar date` });
    }
    if (leaf.codeList && !codeLists.includes(leaf.codeList, value)) {
      const list = codeLists.get(leaf.codeList);
      const compared = list?.matchLength ? ` (compared on its first ${list.matchLength} characters)` : '';
      issues.push({
        pointer: pointer(),
        code: list?.unknownCode ?? 'CODE.UNKNOWN',
        message: `${value} is not in the code list ${leaf.codeList}${compared}`,
      });
    }
  });
  return issues;
};

/** The shape pruned to the leaves with a date format or a code list; undefined when none is left. */
function onlyChecked(shape: Shape): Shape | undefined {
  if (shape.kind === 'object') {
    const properties = new Map<string, Shape>();
    for (const [name, child] of shape.properties) {
      const kept = onlyChecked(child);
      if (kept) properties.set(name, kept);
    }
    return properties.size > 0 ? { kind: 'object', properties } : undefined;
  }
  if (shape.kind === 'array') {
    const items = onlyChecked(shape.items);
    return items ? { ...shape, items } : undefined;
  }
  return shape.format === 'date' || shape.codeList !== undefined ? shape : undefined;
}
