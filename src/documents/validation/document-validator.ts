import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { CodeListCatalog } from '../../catalog/code-list-catalog.js';
import type { SchemaCatalog } from '../../catalog/schema-catalog.js';
import type { DocumentType } from '../../kernel/document-record.js';
import type { ValidationIssue } from '../../kernel/validation-issue.js';
import { scanMembers } from './member-scan.js';
import type { BusinessRule } from './rules/business-rule.js';
import { certificateOfOriginRules } from './rules/certificate-of-origin-rules.js';
import { customsDeclarationRules } from './rules/customs-declaration-rules.js';
import { licenceApplicationRules } from './rules/licence-application-rules.js';
import { phytosanitaryCertificateRules } from './rules/phytosanitary-certificate-rules.js';
import { annotatedMembersValid } from './rules/schema-driven-rules.js';
import { schemaIssues } from './schema-errors.js';

// ajv-formats is CommonJS: its default import is the plugin function itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const RULES: Record<DocumentType, BusinessRule[]> = {
  'customs-declaration': customsDeclarationRules,
  'certificate-of-origin': certificateOfOriginRules,
  'phytosanitary-certificate': phytosanitaryCertificateRules,
  'licence-application': licenceApplicationRules,
};
const EVERY_TYPE: BusinessRule[] = [annotatedMembersValid];

export interface ValidationResult {
  issues: ValidationIssue[];
  /** More problems exist than the ones listed. */
  truncated: boolean;
}

/**
 * Validates a document's canonical JSON: forbidden member names, then the type's
 * JSON Schema (compiled once, here), then text XML cannot carry and the business
 * rules, which are reported only for a document the schema accepts. Problems are
 * capped at `maxIssues`.
 */
export class DocumentValidator {
  private readonly validators = new Map<DocumentType, ValidateFunction>();

  constructor(
    private readonly schemas: SchemaCatalog,
    private readonly codeLists: CodeListCatalog,
    private readonly maxIssues = 100,
  ) {
    // strictRequired would refuse `if/then` adding a member required elsewhere in the schema.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv, ['email', 'date-time']);
    // Dates are checked by the DATE.NOT_REAL rule, so the schema keeps `format: date` as documentation.
    ajv.addFormat('date', true);
    ajv.addVocabulary(['xml', 'x-code-list']);
    for (const entry of schemas.list()) this.validators.set(entry.type, ajv.compile(entry.schema));
  }

  validate(type: DocumentType, data: unknown): ValidationResult {
    const members = scanMembers(data, this.maxIssues + 1);
    if (members.forbiddenKeys.length > 0) return this.capped(members.forbiddenKeys);
    const validate = this.validators.get(type);
    if (!validate) throw new Error(`no validator for ${type}`);
    if (!validate(data)) return this.capped(schemaIssues(validate.errors ?? []));
    const context = { shape: this.schemas.get(type).shape, codeLists: this.codeLists };
    const record = data as Record<string, unknown>;
    return this.capped([...members.invalidText, ...[...EVERY_TYPE, ...RULES[type]].flatMap((rule) => rule(record, context))]);
  }

  private capped(issues: ValidationIssue[]): ValidationResult {
    return issues.length > this.maxIssues ? { issues: issues.slice(0, this.maxIssues), truncated: true } : { issues, truncated: false };
  }
}
