import type { Connection, mongo } from 'mongoose';
import type { TradeDocument } from '../kernel/document-record.js';
import type { LifecycleStore, StoredChange } from './lifecycle-store.js';

type StoredDocument = Omit<TradeDocument, 'id'> & { _id: string };

/** LifecycleStore on the intake's `documents` collection: one guarded updateOne per change. */
export class MongoLifecycleStore implements LifecycleStore {
  private readonly documents: mongo.Collection<StoredDocument>;

  constructor(connection: Connection) {
    this.documents = connection.getClient().db(connection.name).collection<StoredDocument>('documents');
  }

  async get(id: string): Promise<TradeDocument | undefined> {
    const row = await this.documents.findOne({ _id: id });
    if (!row) return undefined;
    const { _id, ...rest } = row;
    return { ...rest, id: _id };
  }

  async apply(id: string, version: number, change: StoredChange): Promise<boolean> {
    const push: Record<string, { $each: unknown[] }> = {
      history: { $each: change.history },
      outbox: { $each: change.outbox },
    };
    for (const [field, values] of Object.entries(change.push ?? {})) push[field] = { $each: values };
    const result = await this.documents.updateOne({ _id: id, version }, {
      $set: change.set,
      $inc: { version: 1 },
      $push: push,
    } as mongo.UpdateFilter<StoredDocument>);
    return result.matchedCount === 1;
  }
}
