import { mongo } from 'mongoose';

interface Waiting<T> {
  row: T;
  settle: (error?: Error) => void;
}

/**
 * Inserts rows into one collection, folding the inserts that arrive while another
 * is in flight into a single unordered `insertMany`. Each caller still learns the
 * outcome of its own row only: a duplicate key fails that caller with the server's
 * error (code 11000 and all) and no other. Under load the per-command costs (driver
 * bookkeeping, a socket write, the store's journal record and fsync) are paid once
 * per batch instead of once per row; with a single caller it is just `insertOne`.
 */
export class CoalescingInserter<T extends mongo.Document> {
  private waiting: Waiting<T>[] = [];
  private inFlight = false;

  constructor(
    private readonly collection: mongo.Collection<T>,
    /** Most rows in one command: keeps each command well under the 16 MB message limit. */
    private readonly maxBatch = 64,
  ) {}

  insert(row: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, settle: (error) => (error ? reject(error) : resolve()) });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight || this.waiting.length === 0) return;
    this.inFlight = true;
    const batch = this.waiting.splice(0, this.maxBatch);
    try {
      await this.write(batch);
    } finally {
      this.inFlight = false;
      void this.flush();
    }
  }

  private async write(batch: Waiting<T>[]): Promise<void> {
    try {
      if (batch.length === 1) await this.collection.insertOne(batch[0]!.row as mongo.OptionalUnlessRequiredId<T>);
      else
        await this.collection.insertMany(
          batch.map((waiting) => waiting.row as mongo.OptionalUnlessRequiredId<T>),
          { ordered: false },
        );
    } catch (error) {
      if (batch.length === 1 || !(error instanceof mongo.MongoBulkWriteError) || error.writeConcernError) {
        // Nothing says which rows were written: every caller sees the failure, as with insertOne.
        for (const waiting of batch) waiting.settle(error as Error);
        return;
      }
      const failed = new Map([error.writeErrors].flat().map((writeError) => [writeError.index, writeError]));
      batch.forEach((waiting, index) => {
        const writeError = failed.get(index);
        waiting.settle(
          writeError
            ? new mongo.MongoServerError({
                message: writeError.errmsg ?? 'write failed',
                errmsg: writeError.errmsg,
                code: writeError.code,
                errInfo: writeError.errInfo,
              })
            : undefined,
        );
      });
      return;
    }
    for (const waiting of batch) waiting.settle();
  }
}
