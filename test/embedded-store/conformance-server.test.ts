import { expect } from 'chai';
import mongoose, { type Model } from 'mongoose';
import { connectTargetStore, eventually, isReplicaSet, type TargetStore } from './support/target-store.js';

interface IdempotencyKey {
  key: string;
  enterpriseId: string;
  expiresAt: Date;
}

describe('embedded store conformance: server behaviour', function () {
  let target: TargetStore;
  let Keys: Model<IdempotencyKey>;

  before(async function () {
    target = await connectTargetStore('server');
    const schema = new mongoose.Schema<IdempotencyKey>({
      key: { type: String, required: true, unique: true },
      enterpriseId: { type: String, required: true },
      expiresAt: { type: Date, required: true, index: { expireAfterSeconds: 0 } },
    });
    Keys = target.connection.model<IdempotencyKey>('IdempotencyKey', schema);
    await Keys.init();
  });

  after(async function () {
    await target.close();
  });

  it('an unknown command fails with CommandNotFound (59)', async function () {
    const error = (await target.connection.db!.command({ shipEverything: 1 }).catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
    expect(error.code).to.equal(59);
    expect(error.codeName).to.equal('CommandNotFound');
  });

  it('command names are case-sensitive', async function () {
    const error = (await target.connection.db!.command({ PING: 1 }).catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error.code).to.equal(59);
    expect(await target.connection.db!.command({ ping: 1 })).to.include({ ok: 1 });
  });

  it('a multi-document transaction is refused on a standalone server and writes nothing', async function () {
    if (await isReplicaSet(target.connection)) this.skip();
    const session = await target.connection.startSession();
    try {
      session.startTransaction();
      const read = (await Keys.findOne({ key: 'any' })
        .session(session)
        .catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
      expect(read).to.be.instanceOf(mongoose.mongo.MongoServerError);
      expect(read.code).to.equal(20);
      const write = (await Keys.create([{ key: 'txn-attempt', enterpriseId: 'E-1', expiresAt: new Date(Date.now() + 3_600_000) }], {
        session,
      }).catch((e: unknown) => e)) as mongoose.mongo.MongoServerError & { originalError?: { code?: number } };
      // The driver rewraps code 20 on writes as its "retryable writes not supported" error.
      expect(write).to.be.instanceOf(mongoose.mongo.MongoServerError);
      expect(write.originalError?.code).to.equal(20);
    } finally {
      await session.abortTransaction().catch(() => undefined);
      await session.endSession();
    }
    expect(await Keys.exists({ key: 'txn-attempt' })).to.equal(null);
  });

  it('the TTL index deletes an expired document and keeps a live one', async function () {
    const bound = target.embedded ? 10_000 : 150_000;
    this.timeout(bound + 10_000);
    await Keys.create([
      { key: 'expired-key', enterpriseId: 'E-1', expiresAt: new Date(Date.now() - 1000) },
      { key: 'live-key', enterpriseId: 'E-1', expiresAt: new Date(Date.now() + 3_600_000) },
    ]);
    const gone = await eventually(async () => (await Keys.exists({ key: 'expired-key' })) === null, bound);
    expect(gone, 'expired document deleted by the TTL monitor').to.equal(true);
    expect(await Keys.exists({ key: 'live-key' })).to.not.equal(null);
  });

  it('lists, creates and drops collections and databases', async function () {
    const db = target.connection.db!;
    await db.createCollection('customs_offices');
    const error = (await db.createCollection('customs_offices').catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error.code).to.equal(48);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((entry) => entry.name);
    expect(names).to.include.members(['customs_offices', 'idempotencykeys']);
    expect(await db.dropCollection('customs_offices')).to.equal(true);
    const after = (await db.listCollections({ name: 'customs_offices' }).toArray()).map((entry) => entry.name);
    expect(after).to.deep.equal([]);
    const databases = await db.admin().listDatabases({ nameOnly: true });
    expect(databases.databases.map((entry) => entry.name)).to.include(db.databaseName);
  });

  it('describes itself as a writable standalone that supports sessions', async function () {
    const hello = await target.connection.db!.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).to.equal(true);
    expect(hello.maxWireVersion).to.be.greaterThanOrEqual(17);
    expect(hello.logicalSessionTimeoutMinutes).to.be.a('number');
    if (target.embedded) expect(hello.setName).to.equal(undefined);
  });
});
