import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_CODES, type ErrorCode } from '../../src/kernel/errors/error-codes.js';
import { HTTP_STATUS } from '../../src/platform/http/http-status.js';
import { projectRoot } from '../../src/platform/project-root.js';

/**
 * docs/errors.md's table of error codes, generated from the one list of codes so the
 * two cannot drift: `node --import tsx scripts/docs/error-table.ts` rewrites it.
 */
export function errorTableMarkdown(): string {
  const rows = (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => {
    const { kind, means } = ERROR_CODES[code];
    return `| \`${code}\` | ${kind} | ${HTTP_STATUS[kind]} | ${means.replace(/\|/g, '\\|')} |`;
  });
  return ['| code | kind | HTTP status | means |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const START = '<!-- error-table:start -->';
const END = '<!-- error-table:end -->';

export function withErrorTable(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/errors.md lacks the ${START} ... ${END} markers`);
  return `${doc.slice(0, start + START.length)}\n${errorTableMarkdown()}\n${doc.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = path.join(projectRoot, 'docs', 'errors.md');
  await writeFile(file, withErrorTable(await readFile(file, 'utf8')));
  console.log('docs/errors.md table of codes updated');
}
