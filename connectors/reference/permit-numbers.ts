import { createHash } from 'node:crypto';
import { readReferenceData } from './reference-data.js';

interface IssuingAgency {
  code: string;
  referenceFormat: string;
  example: string;
}

const agencies = new Map(
  readReferenceData<{ entries: IssuingAgency[] }>('code-lists/issuing-agencies.json').entries.map((e) => [e.code, e]),
);

/**
 * A permit number in the shape the agency really uses (code list `issuing-agencies`),
 * the same for the same document, so later declarations can cite it and pass validation:
 * `12034/QLD-GPNK` becomes e.g. `420117/QLD-GPNK`; customs' 12 digits stay 12 digits.
 */
export function permitNumber(agency: string, documentId: string): string {
  const serial = parseInt(createHash('sha256').update(`${agency}:${documentId}`).digest('hex').slice(0, 10), 16);
  const entry = agencies.get(agency);
  if (!entry) return `${agency}-${serial % 1_000_000}`;
  const candidate = /^\d+$/.test(entry.example)
    ? String(serial % 10 ** entry.example.length).padStart(entry.example.length, '0')
    : entry.example.replace(/^\d+/, String((serial % 999_999) + 1));
  return new RegExp(entry.referenceFormat).test(candidate) ? candidate : `${agency}-${serial % 1_000_000}`;
}
