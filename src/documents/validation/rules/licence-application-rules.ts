import type { BusinessRule } from './business-rule.js';
import { dateOrder } from './dates.js';
import { checkSupportingDocuments, type SupportingDocument } from './supporting-documents.js';

interface LicenceApplication {
  applicationDate: string;
  validityRequested: { from: string; to: string };
  supportingDocuments?: SupportingDocument[];
}

const asApplication = (data: Record<string, unknown>) => data as unknown as LicenceApplication;

/** The validity requested is a real period that does not end before the application. */
const validityInOrder: BusinessRule = (data) => {
  const { applicationDate, validityRequested } = asApplication(data);
  return [
    ...dateOrder(
      { value: validityRequested.from, pointer: '/validityRequested/from', label: 'the start of validity' },
      { value: validityRequested.to, pointer: '/validityRequested/to', label: 'the end of validity' },
    ),
    ...dateOrder(
      { value: applicationDate, pointer: '/applicationDate', label: 'the application date' },
      { value: validityRequested.to, pointer: '/validityRequested/to', label: 'the end of validity' },
    ),
  ];
};

const supportingDocumentsWellFormed: BusinessRule = (data, context) =>
  checkSupportingDocuments(asApplication(data).supportingDocuments, '/supportingDocuments', context);

export const licenceApplicationRules: BusinessRule[] = [validityInOrder, supportingDocumentsWellFormed];
