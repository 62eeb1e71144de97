import { forEachLeaf } from '../../../catalog/schema-shape.js';
import type { ValidationIssue } from '../../validation-issue.js';
import type { BusinessRule } from './business-rule.js';
import { isRealDate } from './dates.js';

// Characters XML 1.0 cannot carry, and unpaired surrogates: such text could not be delivered as XML.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The rules the schema's annotations drive, in one walk over the document:
 * - text can be exchanged as XML with agencies and partners: no control characters (`TEXT.INVALID_CHARACTER`);
 * - every `format: date` member is a day that exists, 2025-02-30 has the shape and is not (`DATE.NOT_REAL`);
 * - every member marked `x-code-list` is in that list, HS codes by their heading (the list's `unknownCode`).
 */
export const annotatedMembersValid: BusinessRule = (data, { shape, codeLists }) => {
  const issues: ValidationIssue[] = [];
  forEachLeaf(shape, data, (leaf, value, pointer) => {
    if (typeof value !== 'string') return;
    if (NOT_XML_TEXT.test(value)) {
      issues.push({ pointer: pointer(), code: 'TEXT.INVALID_CHARACTER', message: 'contains a control character that XML cannot carry' });
    }
    if (leaf.format === 'date' && !isRealDate(value)) {
      issues.push({ pointer: pointer(), code: 'DATE.NOT_REAL', message: `${value} is not a calendar date` });
    }
    if (leaf.codeList && !codeLists.includes(leaf.codeList, value)) {
      const list = codeLists.get(leaf.codeList);
      const compared = list?.matchLength ? ` (compared on its first ${list.matchLength} characters)` : '';
      issues.push({ pointer: pointer(), code: list?.unknownCode ?? 'CODE.UNKNOWN', message: `${value} is not in the code list ${leaf.codeList}${compared}` });
    }
  });
  return issues;
};
