import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/platform/project-root.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../../src/kernel/document-record.js';

const directory = path.join(projectRoot, 'test/fixtures/documents');

/** A valid JSON fixture, parsed afresh each time so tests may change it. */
export function validJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(directory, 'valid', `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export function validXml(name: string): string {
  return readFileSync(path.join(directory, 'valid', `${name}.xml`), 'utf8');
}

export function fixtureText(relative: string): string {
  return readFileSync(path.join(directory, relative), 'utf8');
}

/** Every valid fixture, with the document type its name starts with. */
export const VALID_FIXTURES: { name: string; type: DocumentType }[] = [
  'customs-declaration-import',
  'customs-declaration-export',
  'customs-declaration-1000-items',
  'certificate-of-origin',
  'phytosanitary-certificate',
  'licence-application',
].map((name) => ({ name, type: DOCUMENT_TYPES.find((type) => name.startsWith(type))! }));
