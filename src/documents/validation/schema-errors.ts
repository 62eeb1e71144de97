import type { ErrorObject } from 'ajv';
import { escapePointer } from '../../catalog/schema-shape.js';
import { cutShort } from '../../kernel/errors/cut-short.js';
import type { ValidationIssue } from '../../kernel/validation-issue.js';

/** Keywords whose failure is already reported by the error of the subschema they applied. */
const ECHO_KEYWORDS = new Set(['if', 'allOf']);

/** Maps ajv errors to issues with a stable `SCHEMA.<KEYWORD>` code and a pointer to the offending member. */
export function schemaIssues(errors: ErrorObject[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    if (ECHO_KEYWORDS.has(error.keyword)) continue;
    issues.push(toIssue(error));
  }
  return issues;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: `${error.instancePath}/${escapePointer(String(params.missingProperty))}`,
        code: 'SCHEMA.REQUIRED',
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        // The member's name is the client's: a huge one is quoted cut short.
        pointer: `${error.instancePath}/${escapePointer(cutShort(String(params.additionalProperty)))}`,
        code: 'SCHEMA.UNKNOWN_MEMBER',
        message: 'is not a member of this document type',
      };
    case 'enum':
      return {
        pointer: error.instancePath,
        code: 'SCHEMA.ENUM',
        message: `must be one of ${(params.allowedValues as unknown[]).join(', ')}`,
      };
    default:
      return { pointer: error.instancePath, code: `SCHEMA.${constantCase(error.keyword)}`, message: error.message ?? 'is not valid' };
  }
}

function constantCase(keyword: string): string {
  return keyword.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}
