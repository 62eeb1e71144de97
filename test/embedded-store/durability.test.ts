import { appendFile, copyFile, mkdtemp, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MongoClient, MongoServerError } from 'mongodb';
import { startEmbeddedStore, type EmbeddedStore, type EmbeddedStoreOptions } from '../../src/platform/embedded-store/embedded-store.js';
import { eventually } from './support/target-store.js';

interface Receipt {
  _id: string;
  partner: string;
  status: string;
  attempts?: number;
}

async function withStore<T>(options: EmbeddedStoreOptions, use: (client: MongoClient, store: EmbeddedStore) => Promise<T>): Promise<T> {
  const store = await startEmbeddedStore(options);
  const client = await MongoClient.connect(store.uri);
  try {
    return await use(client, store);
  } finally {
    await client.close();
    await store.close();
  }
}

const receipts = (client: MongoClient) => client.db('gateway').collection<Receipt>('receipts');

async function journalFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('journal-')).sort();
}

describe('embedded store durability', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'embedded-store-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every write across a clean restart, indexes included', async function () {
    await withStore({ dbPath: dir }, async (client) => {
      await receipts(client).createIndex({ partner: 1, status: 1 });
      await receipts(client).insertMany([
        { _id: 'AS4-1', partner: 'KR', status: 'ACKNOWLEDGED' },
        { _id: 'AS4-2', partner: 'NZ', status: 'WAITING_FOR_RECEIPT' },
        { _id: 'AS4-3', partner: 'KR', status: 'SEND_FAILURE' },
      ]);
      await receipts(client).updateOne({ _id: 'AS4-2' }, { $set: { status: 'ACKNOWLEDGED' }, $inc: { attempts: 1 } });
      await receipts(client).deleteOne({ _id: 'AS4-3' });
    });
    await withStore({ dbPath: dir }, async (client) => {
      expect(await receipts(client).find().sort({ _id: 1 }).toArray()).to.deep.equal([
        { _id: 'AS4-1', partner: 'KR', status: 'ACKNOWLEDGED' },
        { _id: 'AS4-2', partner: 'NZ', status: 'ACKNOWLEDGED', attempts: 1 },
      ]);
      const indexNames = (await receipts(client).listIndexes().toArray()).map((index) => index.name as string);
      expect(indexNames).to.deep.equal(['_id_', 'partner_1_status_1']);
    });
  });

  it('drops a torn last journal record and keeps every record before it', async function () {
    await withStore({ dbPath: dir }, async (client) => {
      for (const id of ['R-1', 'R-2', 'R-3']) await receipts(client).insertOne({ _id: id, partner: 'KR', status: 'READY_TO_SEND' });
    });
    const [journal] = await journalFiles(dir);
    const path = join(dir, journal!);
    const fullSize = (await stat(path)).size;
    await truncate(path, fullSize - 3);
    await withStore({ dbPath: dir }, async (client) => {
      const ids = (await receipts(client).find().sort({ _id: 1 }).toArray()).map((doc) => doc._id);
      expect(ids).to.deep.equal(['R-1', 'R-2']);
      expect((await stat(path)).size, 'journal cut back to the last intact record').to.be.lessThan(fullSize - 3);
      await receipts(client).insertOne({ _id: 'R-4', partner: 'KR', status: 'READY_TO_SEND' });
    });
    await withStore({ dbPath: dir }, async (client) => {
      const ids = (await receipts(client).find().sort({ _id: 1 }).toArray()).map((doc) => doc._id);
      expect(ids).to.deep.equal(['R-1', 'R-2', 'R-4']);
    });
  });

  it('recovers when the torn journal is followed only by the empty journal a compaction had just opened', async function () {
    await withStore({ dbPath: dir }, async (client) => {
      for (const id of ['T-1', 'T-2']) await receipts(client).insertOne({ _id: id, partner: 'NZ', status: 'SEND_ENQUEUED' });
    });
    const [journal] = await journalFiles(dir);
    await truncate(join(dir, journal!), (await stat(join(dir, journal!))).size - 5);
    await writeFile(join(dir, 'journal-000000000002.log'), '');
    await withStore({ dbPath: dir }, async (client) => {
      expect((await receipts(client).find().toArray()).map((doc) => doc._id)).to.deep.equal(['T-1']);
      await receipts(client).insertOne({ _id: 'T-3', partner: 'NZ', status: 'SEND_ENQUEUED' });
    });
    await withStore({ dbPath: dir }, async (client) => {
      expect((await receipts(client).find().sort({ _id: 1 }).toArray()).map((doc) => doc._id)).to.deep.equal(['T-1', 'T-3']);
    });
  });

  it('refuses to start when a damaged journal is followed by one holding records', async function () {
    await withStore({ dbPath: dir, compactAfterBytes: 1 << 30 }, async (client) => {
      await receipts(client).insertOne({ _id: 'D-1', partner: 'KR', status: 'ACKNOWLEDGED' });
    });
    await copyFile(join(dir, 'journal-000000000001.log'), join(dir, 'journal-000000000002.log'));
    await appendFile(join(dir, 'journal-000000000001.log'), Buffer.from([9, 9, 9]));
    const error = await startEmbeddedStore({ dbPath: dir }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(/damaged/);
  });

  it('drops garbage appended after the last record', async function () {
    await withStore({ dbPath: dir }, async (client) => {
      await receipts(client).insertOne({ _id: 'G-1', partner: 'NZ', status: 'ACKNOWLEDGED' });
      await receipts(client).insertOne({ _id: 'G-2', partner: 'NZ', status: 'ACKNOWLEDGED' });
    });
    const [journal] = await journalFiles(dir);
    const path = join(dir, journal!);
    const goodSize = (await stat(path)).size;
    await appendFile(path, Buffer.from([0x2a, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3]));
    await withStore({ dbPath: dir }, async (client) => {
      expect(await receipts(client).countDocuments()).to.equal(2);
    });
    expect((await stat(path)).size).to.equal(goodSize);
  });

  it('compacts the journal into a snapshot and recovers the same state from it', async function () {
    await withStore({ dbPath: dir, compactAfterBytes: 4096 }, async (client) => {
      await receipts(client).createIndex({ partner: 1 }, { unique: true, partialFilterExpression: { status: 'PRIMARY' } });
      const docs = Array.from({ length: 300 }, (_, i) => ({
        _id: `C-${String(i).padStart(3, '0')}`,
        partner: `P${i}`,
        status: i % 2 ? 'PRIMARY' : 'SECONDARY',
      }));
      for (let i = 0; i < docs.length; i += 25) await receipts(client).insertMany(docs.slice(i, i + 25));
      await receipts(client).updateMany({ status: 'SECONDARY' }, { $set: { attempts: 2 } });
      await receipts(client).deleteMany({ _id: { $in: ['C-000', 'C-001', 'C-299'] } });
      const snapshotWritten = await eventually(async () => (await readdir(dir)).includes('snapshot.bson'), 10_000, 20);
      expect(snapshotWritten, 'a snapshot was written').to.equal(true);
    });
    const journals = await journalFiles(dir);
    expect(journals, 'journals folded into the snapshot are deleted').to.not.include('journal-000000000001.log');
    expect(journals.length).to.be.lessThanOrEqual(2);
    await withStore({ dbPath: dir }, async (client) => {
      expect(await receipts(client).countDocuments()).to.equal(297);
      expect(await receipts(client).countDocuments({ attempts: 2 })).to.equal(149);
      expect(await receipts(client).findOne({ _id: 'C-000' })).to.equal(null);
      expect(await receipts(client).findOne({ _id: 'C-150' })).to.deep.equal({
        _id: 'C-150',
        partner: 'P150',
        status: 'SECONDARY',
        attempts: 2,
      });
      const error = await receipts(client)
        .insertOne({ _id: 'C-dup', partner: 'P3', status: 'PRIMARY' })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(MongoServerError);
      expect((error as MongoServerError).code).to.equal(11000);
    });
  });

  it('refuses to open a data directory another running store holds', async function () {
    const first = await startEmbeddedStore({ dbPath: dir });
    try {
      const error = await startEmbeddedStore({ dbPath: dir }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.match(/in use/);
    } finally {
      await first.close();
    }
  });
});
