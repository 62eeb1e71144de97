import { malformed } from '../kernel/errors/domain-error.js';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, type DocumentStatus, type DocumentType } from '../kernel/document-record.js';
import type { DocumentFilter } from './document-store.js';
import { isRealDate } from './validation/rules/dates.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const KNOWN = new Set(['type', 'status', 'submittedFrom', 'submittedTo', 'cursor', 'limit']);
// RFC 3339 date-time with an explicit offset, or a plain date meaning its start in UTC.
const TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:[0-9]{2}))?$/;

export interface ListQuery {
  filter: DocumentFilter;
  cursor?: string;
  limit: number;
}

/**
 * The query of `GET /api/v1/documents`, checked strictly: unknown, repeated or
 * bracketed parameters (`status[$ne]=...`) are refused rather than ignored.
 */
export function parseListQuery(query: Record<string, unknown>): ListQuery {
  for (const name of Object.keys(query)) {
    if (!KNOWN.has(name))
      throw malformed('QUERY.UNKNOWN_PARAMETER', `Unknown query parameter "${name.slice(0, 64)}"`, { allowed: [...KNOWN] });
  }
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '')
      throw malformed('QUERY.INVALID_PARAMETER', `"${name}" must be given once, with a value`, { parameter: name });
    return value;
  };
  const filter: DocumentFilter = {};
  const type = text('type');
  if (type !== undefined) filter.type = oneOf(type, DOCUMENT_TYPES, 'type') as DocumentType;
  const status = text('status');
  if (status !== undefined) filter.status = oneOf(status, DOCUMENT_STATUSES, 'status') as DocumentStatus;
  const from = text('submittedFrom');
  if (from !== undefined) filter.submittedFrom = timestamp(from, 'submittedFrom');
  const to = text('submittedTo');
  if (to !== undefined) filter.submittedTo = timestamp(to, 'submittedTo');
  if (filter.submittedFrom && filter.submittedTo && filter.submittedFrom >= filter.submittedTo) {
    throw malformed('QUERY.INVALID_PARAMETER', '"submittedFrom" must be before "submittedTo"', { parameter: 'submittedTo' });
  }
  const limitText = text('limit');
  let limit = DEFAULT_PAGE_SIZE;
  if (limitText !== undefined) {
    limit = Number(limitText);
    if (!/^[0-9]{1,3}$/.test(limitText) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw malformed('QUERY.INVALID_PARAMETER', `"limit" must be a whole number from 1 to ${MAX_PAGE_SIZE}`, { parameter: 'limit' });
    }
  }
  const cursor = text('cursor');
  return { filter, limit, ...(cursor === undefined ? {} : { cursor }) };
}

function oneOf(value: string, allowed: readonly string[], name: string): string {
  if (!allowed.includes(value))
    throw malformed('QUERY.INVALID_PARAMETER', `"${name}" must be one of ${allowed.join(', ')}`, { parameter: name });
  return value;
}

function timestamp(value: string, name: string): Date {
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (!TIMESTAMP.test(value) || !isRealDate(value.slice(0, 10)) || Number.isNaN(date.getTime())) {
    throw malformed('QUERY.INVALID_PARAMETER', `"${name}" must be an RFC 3339 date-time (2026-03-01T00:00:00Z) or a date (2026-03-01)`, {
      parameter: name,
    });
  }
  return date;
}
