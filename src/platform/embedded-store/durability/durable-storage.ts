import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger, WriteLog } from '../commands/command-dispatcher.js';
import type { Catalog } from '../engine/catalog.js';
import { journalFileName, listJournals, SNAPSHOT_FILE, syncDirectory } from './data-directory.js';
import { lockDirectory } from './directory-lock.js';
import { Journal, type FsyncPolicy } from './journal.js';
import { recover } from './recovery.js';
import { captureState, writeSnapshot } from './snapshot.js';

export interface DurableStorageOptions {
  readonly dir: string;
  readonly fsync: FsyncPolicy;
  /** Journal size that triggers folding it into a new snapshot. */
  readonly compactAfterBytes: number;
  readonly logger: Logger;
}

/**
 * Owns the data directory: recovers the catalog at start, journals every change after,
 * and compacts journal into snapshot. Compaction never truncates a journal in place: it
 * starts the next journal file, snapshots, then deletes the files the snapshot covers,
 * so a crash at any step leaves a snapshot plus journals that together hold everything.
 */
export class DurableStorage implements WriteLog {
  private compacting: Promise<void> | undefined;

  private constructor(
    private readonly catalog: Catalog,
    private readonly journal: Journal,
    private journalSeq: number,
    private readonly releaseLock: () => Promise<void>,
    private readonly options: DurableStorageOptions,
  ) {}

  static async open(catalog: Catalog, options: DurableStorageOptions): Promise<DurableStorage> {
    const releaseLock = await lockDirectory(options.dir);
    try {
      const recovered = await recover(options.dir, catalog, options.logger);
      const path = join(options.dir, journalFileName(recovered.journalSeq));
      const file = await open(path, 'a');
      await syncDirectory(path);
      // Growth is only reported after a write, by which time `storage` exists.
      const journal = new Journal(file, recovered.journalBytes, options.fsync, (bytes) => storage.grew(bytes));
      const storage = new DurableStorage(catalog, journal, recovered.journalSeq, releaseLock, options);
      catalog.setSink((record) => journal.append(record));
      options.logger.info('embedded store: recovered data directory', { dir: options.dir, journalRecords: recovered.records });
      return storage;
    } catch (error) {
      await releaseLock();
      throw error;
    }
  }

  appendedSequence(): number {
    return this.journal.appendedSequence();
  }

  whenDurable(sequence: number): Promise<void> {
    return this.journal.whenDurable(sequence);
  }

  compact(): Promise<void> {
    this.compacting ??= this.runCompaction().finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  async close(): Promise<void> {
    await this.compacting?.catch(() => undefined);
    await this.journal.close();
    await this.releaseLock();
  }

  private grew(journalBytes: number): void {
    if (journalBytes < this.options.compactAfterBytes || this.compacting) return;
    this.compact().catch((error: unknown) => this.options.logger.error('embedded store: compaction failed', { error: String(error) }));
  }

  private async runCompaction(): Promise<void> {
    const nextSeq = this.journalSeq + 1;
    const nextPath = join(this.options.dir, journalFileName(nextSeq));
    const next = await open(nextPath, 'a');
    await syncDirectory(nextPath);
    // Same synchronous step: records after this point go to the new journal, and the
    // captured state holds exactly the effects of the records before it.
    const switched = this.journal.switchTo(next);
    const state = captureState(this.catalog, nextSeq);
    this.journalSeq = nextSeq;
    await switched;
    await writeSnapshot(join(this.options.dir, SNAPSHOT_FILE), state);
    for (const journal of await listJournals(this.options.dir)) {
      if (journal.seq < nextSeq) await unlink(journal.path);
    }
  }
}
