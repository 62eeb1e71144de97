import { Schema, type Connection, type Model } from 'mongoose';
import type { ReferenceSequence } from './document-store.js';

interface CounterRow {
  _id: string;
  seq: number;
}

interface Block {
  next: number;
  last: number;
}

const counterSchema = new Schema<CounterRow>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { versionKey: false, strict: true },
);

/**
 * Sequences in the `counters` collection. Each process reserves a block of numbers
 * with one atomic `$inc` (upserting) and hands them out in order, so references stay
 * unique across processes at a fraction of the round trips; a block left unfinished
 * when a process stops leaves a gap.
 */
export class MongoReferenceSequence implements ReferenceSequence {
  private readonly blocks = new Map<string, Block>();
  private readonly reserving = new Map<string, Promise<Block>>();

  private constructor(
    private readonly counters: Model<CounterRow>,
    private readonly blockSize: number,
  ) {}

  static create(connection: Connection, blockSize = 1): MongoReferenceSequence {
    return new MongoReferenceSequence(connection.model<CounterRow>('Counter', counterSchema, 'counters'), blockSize);
  }

  async next(scope: string): Promise<number> {
    for (;;) {
      const block = this.blocks.get(scope);
      if (block && block.next <= block.last) return block.next++;
      // One reservation per scope at a time; everyone waiting takes numbers from it.
      let reservation = this.reserving.get(scope);
      if (!reservation) {
        reservation = this.reserve(scope).finally(() => this.reserving.delete(scope));
        this.reserving.set(scope, reservation);
      }
      this.blocks.set(scope, await reservation);
    }
  }

  private async reserve(scope: string): Promise<Block> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const counter = await this.counters
          .findOneAndUpdate({ _id: scope }, { $inc: { seq: this.blockSize } }, { upsert: true, returnDocument: 'after' })
          .lean<CounterRow>();
        if (!counter) throw new Error(`counter ${scope} was not returned`);
        return { next: counter.seq - this.blockSize + 1, last: counter.seq };
      } catch (error) {
        // Two first reservations of a new scope race to insert the counter: the loser increments it.
        if ((error as { code?: number }).code === 11000 && attempt < 2) continue;
        throw error;
      }
    }
  }
}
