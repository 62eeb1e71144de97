import type { ValidationIssue } from '../../../kernel/validation-issue.js';

const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whole days from one real date to another. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

interface DatedMember {
  value: unknown;
  pointer: string;
  label: string;
}

/**
 * `DATE.ORDER` when the earlier date is after the later one. Absent or unreal dates
 * are left alone: they are reported (or allowed) elsewhere.
 */
export function dateOrder(earlier: DatedMember, later: DatedMember): ValidationIssue[] {
  if (typeof earlier.value !== 'string' || typeof later.value !== 'string') return [];
  if (!isRealDate(earlier.value) || !isRealDate(later.value) || earlier.value <= later.value) return [];
  return [
    {
      pointer: later.pointer,
      code: 'DATE.ORDER',
      message: `${later.label} (${later.value}) must not be before ${earlier.label} (${earlier.value})`,
    },
  ];
}
