import type { ValidationIssue } from '../../../kernel/validation-issue.js';
import type { RuleContext } from './business-rule.js';
import { dateOrder } from './dates.js';

export interface SupportingDocument {
  referenceNumber: string;
  issuingAgency?: string;
  issueDate?: string;
  expiryDate?: string;
}

const formats = new Map<string, RegExp>();

/**
 * A document said to be issued by an agency of the single window carries a number
 * of that agency's shape (`DOCUMENT_REF.AGENCY_FORMAT`), and expires after it was issued.
 */
export function checkSupportingDocuments(
  documents: SupportingDocument[] | undefined,
  arrayPointer: string,
  { codeLists }: RuleContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  documents?.forEach((document, index) => {
    const pointer = `${arrayPointer}/${index}`;
    const format = document.issuingAgency ? referenceFormat(codeLists.get('issuing-agencies')?.entries, document.issuingAgency) : undefined;
    if (format && !format.pattern.test(document.referenceNumber)) {
      issues.push({
        pointer: `${pointer}/referenceNumber`,
        code: 'DOCUMENT_REF.AGENCY_FORMAT',
        message: `${document.referenceNumber} is not a ${document.issuingAgency} document number (expected like ${format.example})`,
      });
    }
    issues.push(
      ...dateOrder(
        { value: document.issueDate, pointer: `${pointer}/issueDate`, label: 'issue date' },
        { value: document.expiryDate, pointer: `${pointer}/expiryDate`, label: 'expiry date' },
      ),
    );
  });
  return issues;
}

function referenceFormat(
  entries: { code: string; [detail: string]: unknown }[] | undefined,
  agency: string,
): { pattern: RegExp; example: string } | undefined {
  const entry = entries?.find((candidate) => candidate.code === agency);
  if (!entry || typeof entry.referenceFormat !== 'string') return undefined;
  let pattern = formats.get(entry.referenceFormat);
  if (!pattern) {
    pattern = new RegExp(entry.referenceFormat, 'u');
    formats.set(entry.referenceFormat, pattern);
  }
  return { pattern, example: String(entry.example) };
}
