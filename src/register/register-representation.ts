import type { CitedRegisterEntry } from '../kernel/contracts/agency-work.js';
import { fromThousandths } from './quantities.js';
import { statusOn, type RegisterEntry } from './register-entry.js';

const today = (now: Date) => now.toISOString().slice(0, 10);

/** What an agency's message and the declaration's API show of a cited entry. */
export function citedEntryView(entry: RegisterEntry, now: Date): CitedRegisterEntry {
  return {
    id: entry.id,
    number: entry.number,
    issuingAgency: entry.issuingAgency,
    status: statusOn(entry, today(now)),
    ...(entry.holder.taxId ? { holderTaxId: entry.holder.taxId } : {}),
    validFrom: entry.validFrom,
    ...(entry.validTo ? { validTo: entry.validTo } : {}),
    goods: entry.goods.map((g) => ({
      line: g.line,
      ...(g.hsCode ? { hsCode: g.hsCode } : {}),
      description: g.description,
      ...(g.unit ? { unit: g.unit } : {}),
      ...(g.grantedThousandths === undefined
        ? {}
        : { granted: fromThousandths(g.grantedThousandths), remaining: fromThousandths(g.remainingThousandths!) }),
    })),
    asOf: now.toISOString(),
  };
}

/** The full entry for its holder and its issuing agency: with every movement and change, so the balance can be audited. */
export function entryRepresentation(entry: RegisterEntry, now: Date) {
  const { asOf: _asOf, ...cited } = citedEntryView(entry, now);
  return {
    ...cited,
    documentType: entry.documentType,
    source: { documentId: entry.sourceDocumentId, reference: entry.sourceReference },
    holder: entry.holder,
    issuedAt: entry.issuedAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    movements: entry.movements.map((m) => ({
      id: m.id,
      kind: m.kind,
      declarationId: m.declarationId,
      declarationReference: m.declarationReference,
      lines: m.lines.map((l) => ({ line: l.line, quantity: fromThousandths(l.thousandths) })),
      at: new Date(m.at).toISOString(),
      ...(m.reverses ? { reverses: m.reverses } : {}),
      ...(m.reason ? { reason: m.reason } : {}),
    })),
    changes: entry.changes.map((c) => ({ ...c, at: new Date(c.at).toISOString() })),
  };
}
