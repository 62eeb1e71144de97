import type { Connection, mongo } from 'mongoose';
import type { RegisterEntry, RegisterMovement } from './register-entry.js';
import type { GuardedChange, RegisterFilter, RegisterStore } from './register-store.js';

type EntryRow = Omit<RegisterEntry, 'id'> & { _id: string };

const DUPLICATE_KEY = 11000;
const toEntry = ({ _id, ...rest }: EntryRow): RegisterEntry => ({ ...rest, id: _id });
// Goods lines are stored in line order from 1, so line n is at array index n - 1.
const remainingPath = (line: number) => `goods.${line - 1}.remainingThousandths`;

/** RegisterStore on `register_entries`; draws are conditional `$inc`s, so concurrent approvals never overdraw. */
export class MongoRegisterStore implements RegisterStore {
  private constructor(private readonly entries: mongo.Collection<EntryRow>) {}

  static async create(connection: Connection): Promise<MongoRegisterStore> {
    const entries = connection.getClient().db(connection.name).collection<EntryRow>('register_entries');
    await entries.createIndex({ key: 1 }, { unique: true });
    await entries.createIndex({ enterpriseId: 1, key: 1 });
    await entries.createIndex({ issuingAgency: 1, key: 1 });
    return new MongoRegisterStore(entries);
  }

  async insert(entry: RegisterEntry): Promise<boolean> {
    const { id, ...rest } = entry;
    try {
      await this.entries.insertOne({ ...rest, _id: id });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async get(id: string): Promise<RegisterEntry | undefined> {
    const row = await this.entries.findOne({ _id: id });
    return row ? toEntry(row) : undefined;
  }

  async findByKeys(keys: string[]): Promise<RegisterEntry[]> {
    if (keys.length === 0) return [];
    return (await this.entries.find({ key: { $in: keys } }).toArray()).map(toEntry);
  }

  async list(filter: RegisterFilter, page: { limit: number; afterKey?: string }): Promise<RegisterEntry[]> {
    const query: Record<string, unknown> = { ...filter, ...(page.afterKey === undefined ? {} : { key: { $gt: page.afterKey } }) };
    return (await this.entries.find(query).sort({ key: 1 }).limit(page.limit).toArray()).map(toEntry);
  }

  async draw(id: string, draw: RegisterMovement): Promise<boolean> {
    const filter: Record<string, unknown> = { _id: id, status: 'VALID', [`activeDraws.${draw.declarationId}`]: { $exists: false } };
    const inc: Record<string, number> = { version: 1 };
    for (const { line, thousandths } of draw.lines) {
      filter[remainingPath(line)] = { $gte: thousandths };
      inc[remainingPath(line)] = -thousandths;
    }
    const result = await this.entries.updateOne(
      filter as mongo.Filter<EntryRow>,
      {
        $inc: inc,
        $set: { [`activeDraws.${draw.declarationId}`]: draw.id, updatedAt: draw.at },
        $push: { movements: draw },
      } as unknown as mongo.UpdateFilter<EntryRow>,
    );
    return result.matchedCount === 1;
  }

  async change(id: string, version: number, change: GuardedChange): Promise<boolean> {
    const inc: Record<string, number> = { version: 1 };
    for (const { line, remaining, granted } of change.balances ?? []) {
      inc[remainingPath(line)] = remaining;
      if (granted !== undefined) inc[`goods.${line - 1}.grantedThousandths`] = granted;
    }
    const update: Record<string, unknown> = { $inc: inc };
    if (change.set) update.$set = change.set;
    if (change.releaseDraw !== undefined) update.$unset = { [`activeDraws.${change.releaseDraw}`]: '' };
    const push: Record<string, unknown> = {};
    if (change.movements?.length) push.movements = { $each: change.movements };
    if (change.changes?.length) push.changes = { $each: change.changes };
    if (Object.keys(push).length > 0) update.$push = push;
    const result = await this.entries.updateOne({ _id: id, version }, update as mongo.UpdateFilter<EntryRow>);
    return result.matchedCount === 1;
  }
}
