import type { DocumentType } from '../kernel/document-record.js';

/**
 * Stored statuses; `EXPIRED` and `EXHAUSTED` are read off the dates and balances
 * when shown, so no clock or sweeper has to write them.
 */
export type StoredRegisterStatus = 'VALID' | 'REVOKED';
export type RegisterStatus = StoredRegisterStatus | 'EXPIRED' | 'EXHAUSTED';

/**
 * One goods line of an entry. Balances are kept in thousandths of the unit, as
 * integers, so that draws and reversals add up exactly (no 0.1 + 0.2 drift).
 */
export interface RegisterGoodsLine {
  /** 1-based position of the line in the issued document. */
  line: number;
  hsCode?: string;
  description: string;
  unit?: string;
  grantedThousandths?: number;
  remainingThousandths?: number;
}

/** A draw by an approved declaration, or the reversal of one; never edited, only appended. */
export interface RegisterMovement {
  id: string;
  kind: 'DRAW' | 'REVERSAL';
  declarationId: string;
  declarationReference: string;
  lines: { line: number; thousandths: number }[];
  at: Date;
  /** For a reversal: the draw it gives back. */
  reverses?: string;
  reason?: string;
}

/** What the issuing agency did to the entry after issuing it. */
export interface RegisterChange {
  at: Date;
  actor: string;
  action: 'ISSUED' | 'REVOKED' | 'AMENDED';
  reason?: string;
  changes?: Record<string, unknown>;
}

/** A licence or certificate the window issued: an approved document and its permit number. */
export interface RegisterEntry {
  id: string;
  /** `<issuingAgency> <number>`, unique: how a citation finds the entry. */
  key: string;
  number: string;
  issuingAgency: string;
  documentType: DocumentType;
  sourceDocumentId: string;
  sourceReference: string;
  /** The enterprise that lodged the application; it reads the entry. */
  enterpriseId: string;
  holder: { taxId?: string; name: string };
  goods: RegisterGoodsLine[];
  /** Calendar days (YYYY-MM-DD), inclusive; no `validTo`: open-ended. */
  validFrom: string;
  validTo?: string;
  status: StoredRegisterStatus;
  issuedAt: Date;
  updatedAt: Date;
  /** Declarations holding a draw now, by id, with the draw's movement id. */
  activeDraws: Record<string, string>;
  movements: RegisterMovement[];
  changes: RegisterChange[];
  version: number;
}

export const registerKey = (agency: string, number: string) => `${agency} ${number}`;

/** The status as of `day` (YYYY-MM-DD). */
export function statusOn(entry: RegisterEntry, day: string): RegisterStatus {
  if (entry.status === 'REVOKED') return 'REVOKED';
  if (entry.validTo !== undefined && entry.validTo < day) return 'EXPIRED';
  const metered = entry.goods.filter((g) => g.remainingThousandths !== undefined);
  if (metered.length > 0 && metered.every((g) => g.remainingThousandths! <= 0)) return 'EXHAUSTED';
  return 'VALID';
}
