import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeSettings } from '../../src/platform/config/config.js';
import { projectRoot } from '../../src/platform/project-root.js';

/**
 * The README's configuration table, generated from the settings table so the two
 * cannot drift: `node --import tsx scripts/docs/settings-table.ts` rewrites it.
 */
export function settingsTableMarkdown(): string {
  const rows = describeSettings().map(
    (s) => `| \`${s.env}\` | ${s.default === '' ? 'unset' : `\`${s.default}\``} | ${s.description.replace(/\|/g, '\\|')} |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

const START = '<!-- settings-table:start -->';
const END = '<!-- settings-table:end -->';

export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} ... ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${settingsTableMarkdown()}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = path.join(projectRoot, 'README.md');
  await writeFile(file, withSettingsTable(await readFile(file, 'utf8')));
  console.log('README.md configuration table updated');
}
