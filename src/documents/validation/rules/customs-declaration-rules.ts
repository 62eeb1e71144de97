import type { ValidationIssue } from '../../../kernel/validation-issue.js';
import type { BusinessRule } from './business-rule.js';
import { dateOrder } from './dates.js';
import { numberedInOrder } from './sequence.js';
import { checkSupportingDocuments, type SupportingDocument } from './supporting-documents.js';

interface GoodsItem {
  sequenceNumber: number;
  packages: { count: number };
  netMass: number;
  grossMass: number;
  invoiceAmount: number;
  additionalDocuments?: SupportingDocument[];
}

interface CustomsDeclaration {
  declarationDate: string;
  invoice: { date: string; amount: number };
  transport: { departure: { date: string }; arrival: { date: string } };
  totals: { itemCount: number; packageCount: number; grossMass: number; invoiceAmount: number };
  goodsItems: GoodsItem[];
  additionalDocuments?: SupportingDocument[];
}

const asDeclaration = (data: Record<string, unknown>) => data as unknown as CustomsDeclaration;
const sum = (items: GoodsItem[], value: (item: GoodsItem) => number) => items.reduce((total, item) => total + value(item), 0);
const cents = (amount: number) => Math.round(amount * 100);

const itemsNumbered: BusinessRule = (data) =>
  numberedInOrder(
    asDeclaration(data).goodsItems.map((item) => item.sequenceNumber),
    'sequenceNumber',
    '/goodsItems',
  );

/** The header totals agree with the goods items (masses to 0.1 %, amounts to the cent). */
const totalsAgree: BusinessRule = (data) => {
  const { totals, goodsItems, invoice } = asDeclaration(data);
  const issues: ValidationIssue[] = [];
  if (totals.itemCount !== goodsItems.length) {
    issues.push({
      pointer: '/totals/itemCount',
      code: 'TOTALS.ITEM_COUNT_MISMATCH',
      message: `is ${totals.itemCount} but the declaration has ${goodsItems.length} goods items`,
    });
  }
  const packages = sum(goodsItems, (item) => item.packages.count);
  if (totals.packageCount !== packages) {
    issues.push({
      pointer: '/totals/packageCount',
      code: 'TOTALS.PACKAGES_MISMATCH',
      message: `is ${totals.packageCount} but the goods items have ${packages} packages`,
    });
  }
  const grossMass = sum(goodsItems, (item) => item.grossMass);
  if (Math.abs(totals.grossMass - grossMass) > Math.max(0.001, grossMass * 0.001)) {
    issues.push({
      pointer: '/totals/grossMass',
      code: 'TOTALS.GROSS_MASS_MISMATCH',
      message: `is ${totals.grossMass} kg but the goods items weigh ${Number(grossMass.toFixed(3))} kg gross`,
    });
  }
  const invoiced = sum(goodsItems, (item) => item.invoiceAmount);
  if (Math.abs(cents(totals.invoiceAmount) - cents(invoiced)) > 1) {
    issues.push({
      pointer: '/totals/invoiceAmount',
      code: 'TOTALS.INVOICE_AMOUNT_MISMATCH',
      message: `is ${totals.invoiceAmount} but the goods items add up to ${Number(invoiced.toFixed(2))}`,
    });
  }
  if (Math.abs(cents(invoice.amount) - cents(totals.invoiceAmount)) > 1) {
    issues.push({
      pointer: '/invoice/amount',
      code: 'TOTALS.INVOICE_AMOUNT_MISMATCH',
      message: `is ${invoice.amount} but the total invoice amount is ${totals.invoiceAmount}`,
    });
  }
  return issues;
};

const netWithinGross: BusinessRule = (data) =>
  asDeclaration(data).goodsItems.flatMap((item, index) =>
    item.netMass > item.grossMass
      ? [
          {
            pointer: `/goodsItems/${index}/netMass`,
            code: 'MASS.NET_EXCEEDS_GROSS',
            message: `${item.netMass} kg net is more than ${item.grossMass} kg gross`,
          },
        ]
      : [],
  );

const datesInOrder: BusinessRule = (data) => {
  const declaration = asDeclaration(data);
  return [
    ...dateOrder(
      { value: declaration.invoice.date, pointer: '/invoice/date', label: 'the invoice date' },
      { value: declaration.declarationDate, pointer: '/declarationDate', label: 'the declaration date' },
    ),
    ...dateOrder(
      { value: declaration.transport.departure.date, pointer: '/transport/departure/date', label: 'the departure date' },
      { value: declaration.transport.arrival.date, pointer: '/transport/arrival/date', label: 'the arrival date' },
    ),
  ];
};

const supportingDocumentsWellFormed: BusinessRule = (data, context) => {
  const declaration = asDeclaration(data);
  return [
    ...checkSupportingDocuments(declaration.additionalDocuments, '/additionalDocuments', context),
    ...declaration.goodsItems.flatMap((item, index) =>
      checkSupportingDocuments(item.additionalDocuments, `/goodsItems/${index}/additionalDocuments`, context),
    ),
  ];
};

export const customsDeclarationRules: BusinessRule[] = [
  itemsNumbered,
  totalsAgree,
  netWithinGross,
  datesInOrder,
  supportingDocumentsWellFormed,
];
