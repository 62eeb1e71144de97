import type { ValidationIssue } from '../kernel/validation-issue.js';
import { coveringLine } from './covering-line.js';
import { fromThousandths, inUnit, toThousandths } from './quantities.js';
import { citationsOf, type Citation, type Declaration } from './register-citations.js';
import { registerKey, type RegisterEntry } from './register-entry.js';

/** What a declaration takes from one entry: thousandths per goods line, and the fields that cite it. */
export interface EntryDemand {
  entry: RegisterEntry;
  lines: Map<number, number>;
  pointers: Map<number, Set<string>>;
}

export interface Assessment {
  issues: ValidationIssue[];
  /** By entry id. */
  demands: Map<string, EntryDemand>;
}

const quantity = (thousandths: number, unit: string | undefined) => `${fromThousandths(thousandths)}${unit ? ` ${unit}` : ''}`;

/**
 * Checks a declaration's citations of register entries: the entry exists (a number
 * we have no entry for, issued before the register started, is a paper licence and
 * stays a reference), it is in force on the declaration date, the declarant's
 * importer or exporter holds it, it covers the goods items' HS codes, and their
 * quantities fit its balance. Also says what an approval would draw from each entry.
 */
export function assessCitations(declaration: Declaration, entries: Map<string, RegisterEntry>, registerSince: string): Assessment {
  const issues: ValidationIssue[] = [];
  const demands = new Map<string, EntryDemand>();
  const citations = citationsOf(declaration);
  const citedPerItem = new Set(
    citations.filter((c) => c.item !== undefined).map((c) => `${registerKey(c.issuingAgency, c.number)}#${c.item}`),
  );
  const counted = new Set<string>();
  const issue = (citation: Citation, code: string, message: string) => issues.push({ pointer: citation.pointer, code, message });

  for (const citation of citations) {
    const key = registerKey(citation.issuingAgency, citation.number);
    const entry = entries.get(key);
    const name = `${citation.issuingAgency} ${citation.number}`;
    if (!entry) {
      const paper = citation.issueDate !== undefined && citation.issueDate < registerSince;
      if (!paper) issue(citation, 'REGISTER_REF.NOT_FOUND', `${name} was not issued through the single window (no register entry)`);
      continue;
    }
    if (entry.status === 'REVOKED') {
      issue(citation, 'REGISTER_REF.REVOKED', `${name} has been revoked by ${entry.issuingAgency}`);
      continue;
    }
    const { declarationDate } = declaration;
    if (declarationDate < entry.validFrom || (entry.validTo !== undefined && declarationDate > entry.validTo)) {
      issue(
        citation,
        'REGISTER_REF.NOT_VALID_ON_DATE',
        `${name} is valid from ${entry.validFrom}${entry.validTo ? ` to ${entry.validTo}` : ''}, not on the declaration date ${declarationDate}`,
      );
    }
    const holder = entry.holder.taxId;
    if (holder === undefined || (declaration.importer.taxId !== holder && declaration.exporter.taxId !== holder)) {
      issue(
        citation,
        'REGISTER_REF.HOLDER_MISMATCH',
        `${name} is held by ${entry.holder.name}${holder ? ` (${holder})` : ''}, neither the importer nor the exporter`,
      );
    }
    if (!entry.goods.some((line) => line.hsCode !== undefined)) continue;
    const items =
      citation.item !== undefined
        ? [citation.item]
        : declaration.goodsItems.map((_, index) => index).filter((index) => !citedPerItem.has(`${key}#${index}`));
    let covered = 0;
    for (const index of items) {
      const goods = declaration.goodsItems[index]!;
      const line = coveringLine(entry.goods, goods.hsCode);
      if (!line) {
        if (citation.item !== undefined)
          issue(citation, 'REGISTER_REF.GOODS_NOT_COVERED', `${name} does not cover HS ${goods.hsCode} of goods item ${index + 1}`);
        continue;
      }
      covered += 1;
      if (line.remainingThousandths === undefined || counted.has(`${key}#${index}`)) continue;
      counted.add(`${key}#${index}`);
      const amount = inUnit(goods.quantity, goods.netMass, line.unit!);
      if (amount === undefined) {
        issue(
          citation,
          'REGISTER_REF.UNIT_MISMATCH',
          `goods item ${index + 1} is declared in ${goods.quantity.unit}, which cannot be counted against ${name} in ${line.unit}`,
        );
        continue;
      }
      const demand = demands.get(entry.id) ?? { entry, lines: new Map(), pointers: new Map() };
      demands.set(entry.id, demand);
      demand.lines.set(line.line, (demand.lines.get(line.line) ?? 0) + toThousandths(amount));
      demand.pointers.set(line.line, (demand.pointers.get(line.line) ?? new Set()).add(citation.pointer));
    }
    if (citation.item === undefined && covered === 0)
      issue(
        citation,
        'REGISTER_REF.GOODS_NOT_COVERED',
        `${name} covers none of the declared goods (HS ${entry.goods
          .map((g) => g.hsCode)
          .filter(Boolean)
          .join(', ')})`,
      );
  }

  for (const { entry, lines, pointers } of demands.values()) {
    for (const [lineNumber, asked] of lines) {
      const line = entry.goods.find((g) => g.line === lineNumber)!;
      if (asked <= line.remainingThousandths!) continue;
      for (const pointer of pointers.get(lineNumber)!) {
        issues.push({
          pointer,
          code: 'REGISTER_REF.BALANCE_EXCEEDED',
          message: `${entry.issuingAgency} ${entry.number} line ${lineNumber} (HS ${line.hsCode}) has ${quantity(line.remainingThousandths!, line.unit)} left; the declaration asks ${quantity(asked, line.unit)}`,
        });
      }
    }
  }
  return { issues, demands };
}
