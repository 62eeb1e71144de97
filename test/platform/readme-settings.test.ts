import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { withSettingsTable } from '../../scripts/docs/settings-table.js';

describe('README configuration table', () => {
  it('lists every setting with its current default (regenerate with scripts/docs/settings-table.ts)', async () => {
    const readme = await readFile('README.md', 'utf8');
    expect(readme).to.equal(withSettingsTable(readme));
  });
});
