import { randomUUID } from 'node:crypto';
import type { TradeDocument } from '../kernel/document-record.js';
import { routingOf } from '../kernel/routing-plan.js';
import { toThousandths } from './quantities.js';
import { registerKey, type RegisterEntry, type RegisterGoodsLine } from './register-entry.js';

interface Party {
  name: string;
  taxId?: string;
}
interface Goods {
  hsCode?: string;
  description: string;
  quantity?: { value: number; unit: string };
}

/** Where each issuable type keeps its holder, goods and validity. */
const SHAPES = {
  'licence-application': (data: Record<string, unknown>) => ({
    holder: data.applicant as Party,
    goods: data.goods as Goods[],
    validFrom: (data.validityRequested as { from: string }).from,
    validTo: (data.validityRequested as { to: string }).to as string | undefined,
  }),
  // ATIGA (Annex 8, rule 10): a certificate of origin is valid for 12 months from its issue.
  'certificate-of-origin': (data: Record<string, unknown>) => ({
    holder: data.exporter as Party,
    goods: data.items as Goods[],
    validFrom: data.issueDate as string,
    validTo: lastDayOfYearFrom(data.issueDate as string) as string | undefined,
  }),
  // The IPPC sets no validity: the certificate is open-ended until its agency says otherwise.
  'phytosanitary-certificate': (data: Record<string, unknown>) => ({
    holder: data.consignor as Party,
    goods: data.commodities as Goods[],
    validFrom: data.issueDate as string,
    validTo: undefined as string | undefined,
  }),
} as const;

/**
 * The register entry of an approved licence application, certificate of origin or
 * phytosanitary certificate lodged by an enterprise; undefined for anything else
 * (a declaration, a partner's certificate: the window did not issue those). The
 * number is the permit number the issuing agency approved it with.
 */
export function entryFromDocument(document: TradeDocument, now: Date): RegisterEntry | undefined {
  if (document.status !== 'APPROVED' || document.origin.channel !== 'enterprise') return undefined;
  const shape = SHAPES[document.type as keyof typeof SHAPES];
  if (!shape) return undefined;
  const issuer = issuingAgency(document);
  if (!issuer) return undefined;
  const { holder, goods, validFrom, validTo } = shape(document.data);
  const lines: RegisterGoodsLine[] = goods.map((g, index) => ({
    line: index + 1,
    ...(g.hsCode ? { hsCode: g.hsCode } : {}),
    description: g.description,
    ...(g.quantity
      ? {
          unit: g.quantity.unit,
          grantedThousandths: toThousandths(g.quantity.value),
          remainingThousandths: toThousandths(g.quantity.value),
        }
      : {}),
  }));
  return {
    id: randomUUID(),
    key: registerKey(issuer.agency, issuer.permitNumber),
    number: issuer.permitNumber,
    issuingAgency: issuer.agency,
    documentType: document.type,
    sourceDocumentId: document.id,
    sourceReference: document.reference,
    enterpriseId: document.enterpriseId,
    holder: { name: holder.name, ...(holder.taxId ? { taxId: holder.taxId } : {}) },
    goods: lines,
    validFrom,
    ...(validTo ? { validTo } : {}),
    status: 'VALID',
    issuedAt: now,
    updatedAt: now,
    activeDraws: {},
    movements: [],
    changes: [{ at: now, actor: `agency:${issuer.agency}`, action: 'ISSUED' }],
    version: 1,
  };
}

/** The agency that approved with a permit number: the one the application names, else the first. */
function issuingAgency(document: TradeDocument): { agency: string; permitNumber: string } | undefined {
  const permits = (routingOf(document)?.agencies ?? []).filter((a) => a.status === 'APPROVED' && a.permitNumber && a.agency !== 'CUSTOMS');
  const named = permits.find((a) => a.agency === document.data.issuingAgency) ?? permits[0];
  return named && { agency: named.agency, permitNumber: named.permitNumber! };
}

function lastDayOfYearFrom(issueDate: string): string {
  const day = new Date(`${issueDate}T00:00:00Z`);
  day.setUTCFullYear(day.getUTCFullYear() + 1);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
