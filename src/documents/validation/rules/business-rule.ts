import type { Shape } from '../../../catalog/schema-shape.js';
import type { CodeListCatalog } from '../../../catalog/code-list-catalog.js';
import type { ValidationIssue } from '../../../kernel/validation-issue.js';

export interface RuleContext {
  shape: Shape;
  codeLists: CodeListCatalog;
}

/**
 * A check the JSON Schema cannot express. Rules run only on documents that passed
 * the schema, so they may rely on its shape; each reports with its own stable code.
 */
export type BusinessRule = (data: Record<string, unknown>, context: RuleContext) => ValidationIssue[];
