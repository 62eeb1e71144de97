import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/platform/project-root.js';

const DIR = path.join(projectRoot, 'test', 'fixtures', 'partners', 'canonical');

/** A canonical document fixture (test/fixtures/partners/canonical/<name>.json), fresh each call. */
export function canonicalFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** Each profile's fixtures: which canonical document each codec must carry both ways. */
export const PROFILE_FIXTURES = [
  { profile: 'asw', type: 'customs-declaration', fixture: 'customs-declaration-export-th' },
  { profile: 'asw', type: 'customs-declaration', fixture: 'inbound-customs-declaration-from-th' },
  { profile: 'asw', type: 'certificate-of-origin', fixture: 'certificate-of-origin-th' },
  { profile: 'asw', type: 'certificate-of-origin', fixture: 'inbound-certificate-of-origin-from-th' },
  { profile: 'asw', type: 'phytosanitary-certificate', fixture: 'phytosanitary-certificate-th' },
  { profile: 'kr', type: 'certificate-of-origin', fixture: 'certificate-of-origin-kr' },
  { profile: 'eaeu', type: 'customs-declaration', fixture: 'customs-declaration-export-ru' },
  { profile: 'nz', type: 'phytosanitary-certificate', fixture: 'phytosanitary-certificate-nz' },
] as const;
