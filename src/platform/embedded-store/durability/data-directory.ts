import { mkdir, open, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const SNAPSHOT_FILE = 'snapshot.bson';
const LOCK_FILE = 'store.lock';
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

/**
 * Two processes appending to the same journal would corrupt it. The lock file holds the
 * owner's pid; a lock left by a process that no longer exists (a crash) is taken over.
 */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  try {
    await writeFile(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number((await readFile(path, 'utf8')).trim());
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new Error(`data directory ${dir} is in use by process ${owner}`, { cause: error });
    }
    await writeFile(path, String(process.pid));
  }
  return () => unlink(path).catch(() => undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
