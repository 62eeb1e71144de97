import type { BusinessRule } from './business-rule.js';
import { dateOrder } from './dates.js';

interface PhytosanitaryCertificate {
  issueDate: string;
  inspectionDate?: string;
  treatments?: { date: string }[];
}

/** Inspection and treatments happen before the certificate is issued. */
const checksBeforeIssue: BusinessRule = (data) => {
  const certificate = data as unknown as PhytosanitaryCertificate;
  const issued = { value: certificate.issueDate, pointer: '/issueDate', label: 'the issue date' };
  const before = (value: string | undefined, pointer: string, label: string) =>
    dateOrder({ value, pointer, label }, issued).map((issue) => ({
      ...issue,
      pointer,
      message: `${label} (${value}) must not be after the issue date (${certificate.issueDate})`,
    }));
  return [
    ...before(certificate.inspectionDate, '/inspectionDate', 'the inspection date'),
    ...(certificate.treatments ?? []).flatMap((treatment, index) =>
      before(treatment.date, `/treatments/${index}/date`, 'the treatment date'),
    ),
  ];
};

export const phytosanitaryCertificateRules: BusinessRule[] = [checksBeforeIssue];
