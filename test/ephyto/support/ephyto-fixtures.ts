import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../src/platform/project-root.js';

/** The published standards beside the repository (../shared), never vendored copies: tests check against the source. */
export const STANDARDS = path.join(projectRoot, '..', 'shared', 'standards', 'ephyto');

export const SPS_SAMPLES = ['intercom-CAN-SPSCertificate.xml', 'intercom-CAN-SPSCertificate-signed.xml'];

export function sample(name: string): string {
  return readFileSync(path.join(STANDARDS, 'samples', name), 'utf8');
}

/** Every canonical phytosanitary fixture of the repository. */
export const PHYTO_FIXTURES = [
  'test/fixtures/documents/valid/phytosanitary-certificate.json',
  'test/fixtures/partners/canonical/phytosanitary-certificate-nz.json',
  'test/fixtures/partners/canonical/phytosanitary-certificate-th.json',
];

export function fixture(relative: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(projectRoot, relative), 'utf8')) as Record<string, unknown>;
}

/** xmllint's verdict against the published D17A schema: empty when valid, its complaints otherwise. */
export function xmllintProblems(xml: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sps-')), 'certificate.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(STANDARDS, 'xsd/data/standard/SPSCertificate_17p0.xsd'), file], {
      stdio: 'pipe',
    });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}
