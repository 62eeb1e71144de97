import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { withErrorTable } from '../../scripts/docs/error-table.js';

describe('docs/errors.md table of codes', () => {
  it('lists every error code with its kind and HTTP status (regenerate with scripts/docs/error-table.ts)', async () => {
    const doc = await readFile('docs/errors.md', 'utf8');
    expect(doc).to.equal(withErrorTable(doc));
  });
});
