import type { BusinessRule } from './business-rule.js';
import { dateOrder, daysBetween, isRealDate } from './dates.js';
import { numberedInOrder } from './sequence.js';

interface CertificateOfOrigin {
  issueDate: string;
  transport: { departureDate: string };
  items: { itemNumber: number; invoiceDate: string }[];
  flags: { thirdCountryInvoicing: boolean; issuedRetroactively: boolean };
}

const asCertificate = (data: Record<string, unknown>) => data as unknown as CertificateOfOrigin;

/** ATIGA OCP: a Form D issued more than three days after shipment must be marked "Issued Retroactively". */
const RETROACTIVE_AFTER_DAYS = 3;

const itemsNumbered: BusinessRule = (data) =>
  numberedInOrder(
    asCertificate(data).items.map((item) => item.itemNumber),
    'itemNumber',
    '/items',
  );

/** Invoices come before the certificate, except when a third country invoices (possibly later). */
const invoicesBeforeIssue: BusinessRule = (data) => {
  const certificate = asCertificate(data);
  if (certificate.flags.thirdCountryInvoicing) return [];
  return certificate.items.flatMap((item, index) =>
    dateOrder(
      { value: item.invoiceDate, pointer: `/items/${index}/invoiceDate`, label: 'the invoice date' },
      { value: certificate.issueDate, pointer: '/issueDate', label: 'the issue date' },
    ).map((issue) => ({
      ...issue,
      pointer: `/items/${index}/invoiceDate`,
      message: `the invoice date (${item.invoiceDate}) must not be after the issue date (${certificate.issueDate})`,
    })),
  );
};

const retroactiveIssueFlagged: BusinessRule = (data) => {
  const { issueDate, transport, flags } = asCertificate(data);
  if (!isRealDate(issueDate) || !isRealDate(transport.departureDate) || flags.issuedRetroactively) return [];
  if (daysBetween(transport.departureDate, issueDate) <= RETROACTIVE_AFTER_DAYS) return [];
  return [
    {
      pointer: '/flags/issuedRetroactively',
      code: 'CERTIFICATE.RETROACTIVE_FLAG',
      message: `must be true: the certificate is issued more than ${RETROACTIVE_AFTER_DAYS} days after the departure on ${transport.departureDate}`,
    },
  ];
};

export const certificateOfOriginRules: BusinessRule[] = [itemsNumbered, invoicesBeforeIssue, retroactiveIssueFlagged];
