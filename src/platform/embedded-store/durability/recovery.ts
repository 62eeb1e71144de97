import { access, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../commands/command-dispatcher.js';
import type { Catalog } from '../engine/catalog.js';
import type { StoreRecord } from '../engine/store-record.js';
import { listJournals, SNAPSHOT_FILE } from './data-directory.js';
import { scanFrames } from './record-frame.js';
import { loadSnapshot } from './snapshot.js';

export interface Recovered {
  /** The journal file to keep appending to. */
  readonly journalSeq: number;
  readonly journalBytes: number;
  readonly records: number;
}

/**
 * Rebuilds the catalog: the snapshot, then every journal from the one the snapshot names.
 * A torn record can only be the last one written (a crash mid-append): it is cut off, and
 * nothing before it is lost. Damage followed by more records stops the start-up.
 */
export async function recover(dir: string, catalog: Catalog, logger: Logger): Promise<Recovered> {
  await unlink(join(dir, `${SNAPSHOT_FILE}.tmp`)).catch(() => undefined);
  const apply = (record: StoreRecord) => catalog.apply(record);
  const snapshotPath = join(dir, SNAPSHOT_FILE);
  const hasSnapshot = await access(snapshotPath).then(
    () => true,
    () => false,
  );
  const firstSeq = hasSnapshot ? await loadSnapshot(snapshotPath, apply) : 1;
  const journals = await listJournals(dir);
  let records = 0;
  let current = { seq: firstSeq, bytes: 0 };
  for (const [i, journal] of journals.entries()) {
    // Left over from a compaction that finished its snapshot but not its clean-up.
    if (journal.seq < firstSeq) {
      await unlink(journal.path);
      continue;
    }
    const scan = await scanFrames(journal.path, (record) => {
      apply(record as StoreRecord);
      records++;
    });
    if (scan.problem) {
      // A compaction creates the next (empty) journal before the old one's last write lands.
      if (!(await allEmpty(journals.slice(i + 1)))) {
        throw new Error(`journal ${journal.path} is damaged at byte ${scan.goodBytes} (${scan.problem}) and later journals hold records`);
      }
      logger.warn('embedded store: dropping a torn journal tail', {
        file: journal.path,
        keptBytes: scan.goodBytes,
        droppedBytes: scan.fileBytes - scan.goodBytes,
        problem: scan.problem,
      });
      await truncate(journal.path, scan.goodBytes);
    }
    current = { seq: journal.seq, bytes: scan.goodBytes };
  }
  return { journalSeq: current.seq, journalBytes: current.bytes, records };
}

async function allEmpty(journals: readonly { path: string }[]): Promise<boolean> {
  for (const journal of journals) if ((await stat(journal.path)).size > 0) return false;
  return true;
}
