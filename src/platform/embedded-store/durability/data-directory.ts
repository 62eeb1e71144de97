import { open, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const SNAPSHOT_FILE = 'snapshot.bson';
const JOURNAL_PATTERN = /^journal-(\d{12})\.log$/;

export const journalFileName = (seq: number): string => `journal-${String(seq).padStart(12, '0')}.log`;

/** Journal files present in the directory, oldest first. */
export async function listJournals(dir: string): Promise<{ seq: number; path: string }[]> {
  const names = await readdir(dir);
  return names
    .map((name) => JOURNAL_PATTERN.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ seq: Number(match[1]), path: join(dir, match[0]) }))
    .sort((a, b) => a.seq - b.seq);
}

/** A rename or a new file is only durable once its directory entry is. */
export async function syncDirectory(pathInside: string): Promise<void> {
  const directory = await open(dirname(pathInside), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
