import { expect } from 'chai';
import mongoose from 'mongoose';
import { connectTargetStore, type TargetStore } from './support/target-store.js';

interface Entry {
  messageId: string;
  state: string;
  attempts: number;
  body?: string;
  sentAt?: Date;
  retryAt?: Date;
}

interface Declaration {
  _id: string;
  status?: string;
  agencies?: (string | null)[];
  outbox?: Entry[];
  quantity?: number;
}

/** Update operators on array elements and paths, with the errors MongoDB gives for each misuse. */
describe('embedded store conformance: update operators, paths and arrayFilters', function () {
  let target: TargetStore;
  // Untyped: the tests send updates the driver's types rightly reject, to see them refused.
  let declarations: mongoose.mongo.Collection<{ _id: string } & mongoose.mongo.Document>;
  let next = 0;

  before(async function () {
    target = await connectTargetStore('array_updates');
    declarations = target.connection.db!.collection<{ _id: string } & mongoose.mongo.Document>('declarations');
  });

  after(async function () {
    await target.close();
  });

  /** An update exactly as written, past the driver's types (some are meant to be refused). */
  const raw = (update: object) => update as mongoose.mongo.UpdateFilter<{ _id: string } & mongoose.mongo.Document>;

  const entry = (messageId: string, state = 'PENDING'): Entry => ({ messageId, state, attempts: 0, body: `<m id="${messageId}"/>` });

  async function stored(fields: Omit<Declaration, '_id'>): Promise<string> {
    const _id = `CD-${(next += 1)}`;
    await declarations.insertOne({ _id, ...fields });
    return _id;
  }

  async function failure(update: Promise<unknown>): Promise<mongoose.mongo.MongoServerError> {
    const error = await update.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
    return error as mongoose.mongo.MongoServerError;
  }

  it('sets several fields of the elements one array filter matches, and increments another', async function () {
    const id = await stored({ outbox: [entry('m1'), entry('m2'), entry('m3', 'SENT')] });
    const at = new Date('2024-03-01T08:00:00Z');
    const result = await declarations.updateOne(
      { _id: id },
      {
        $set: { 'outbox.$[sent].state': 'SENT', 'outbox.$[sent].sentAt': at, 'outbox.$[sent].body': '' },
        $inc: { 'outbox.$[sent].attempts': 1 },
      },
      { arrayFilters: [{ 'sent.state': 'PENDING', 'sent.messageId': { $in: ['m1', 'm3'] } }] },
    );
    expect(result).to.include({ matchedCount: 1, modifiedCount: 1 });
    const doc = await declarations.findOne({ _id: id });
    expect(doc?.outbox).to.deep.equal([
      { messageId: 'm1', state: 'SENT', attempts: 1, body: '', sentAt: at },
      entry('m2'),
      entry('m3', 'SENT'),
    ]);
  });

  it('writes the fields of each matched element in lexicographic order, unsets them, and refuses a non-numeric $inc or a scalar element', async function () {
    const id = await stored({ outbox: [entry('m1'), entry('m2')] });
    await declarations.updateOne(
      { _id: id },
      { $set: { 'outbox.$[e].zeta': 1, 'outbox.$[e].alpha': 2 }, $unset: { 'outbox.$[e].body': '' } },
      { arrayFilters: [{ 'e.messageId': 'm2' }] },
    );
    const doc = (await declarations.findOne({ _id: id })) as unknown as Declaration;
    expect(doc.outbox![0]).to.deep.equal(entry('m1'));
    expect(Object.keys(doc.outbox![1]!)).to.deep.equal(['messageId', 'state', 'attempts', 'alpha', 'zeta']);
    const refused = await failure(
      declarations.updateOne({ _id: id }, { $inc: { 'outbox.$[e].state': 1 } }, { arrayFilters: [{ 'e.messageId': 'm1' }] }),
    );
    expect(refused.code).to.equal(14);
    const agencies = await stored({ agencies: ['CUSTOMS', 'MOH'] });
    expect(
      (await failure(declarations.updateOne({ _id: agencies }, { $set: { 'agencies.$[a].code': 1 } }, { arrayFilters: [{ a: 'MOH' }] })))
        .code,
    ).to.equal(28);
    expect((await declarations.findOne({ _id: agencies }))?.agencies).to.deep.equal(['CUSTOMS', 'MOH']);
  });

  it('applies one array-filtered update to many documents, each element judged in its own document', async function () {
    const ids = [
      await stored({ outbox: [entry('a1'), entry('a2', 'SENT')] }),
      await stored({ outbox: [entry('b1'), entry('b2'), entry('b3')] }),
      await stored({ outbox: [entry('c1', 'SENT')] }),
      await stored({ outbox: [] }),
    ];
    const at = new Date('2024-03-02T08:00:00Z');
    const result = await declarations.updateMany(
      { _id: { $in: ids } },
      { $set: { 'outbox.$[sent].state': 'SENT', 'outbox.$[sent].sentAt': at }, $inc: { 'outbox.$[sent].attempts': 1 } },
      { arrayFilters: [{ 'sent.state': 'PENDING', 'sent.messageId': { $in: ['a1', 'a2', 'b1', 'b3', 'c1'] } }] },
    );
    expect(result).to.include({ matchedCount: 4, modifiedCount: 2 });
    const docs = await declarations.find({ _id: { $in: ids } }).toArray();
    const states = Object.fromEntries(
      docs.map((doc) => [doc._id, (doc.outbox as Entry[]).map((e) => `${e.messageId}:${e.state}:${e.attempts}`)]),
    );
    expect(states).to.deep.equal({
      [ids[0]!]: ['a1:SENT:1', 'a2:SENT:0'],
      [ids[1]!]: ['b1:SENT:1', 'b2:PENDING:0', 'b3:SENT:1'],
      [ids[2]!]: ['c1:SENT:0'],
      [ids[3]!]: [],
    });
  });

  it('applies two identifiers to different elements in one update; filters see the element before the update', async function () {
    const id = await stored({ outbox: [entry('m1'), entry('m2')] });
    const retryAt = new Date('2024-03-01T09:00:00Z');
    await declarations.updateOne(
      { _id: id },
      {
        $set: { 'outbox.$[sent].state': 'SENT', 'outbox.$[retry].retryAt': retryAt },
        $inc: { 'outbox.$[sent].attempts': 1, 'outbox.$[retry].attempts': 1 },
      },
      {
        arrayFilters: [
          { 'sent.state': 'PENDING', 'sent.messageId': 'm1' },
          { 'retry.state': 'PENDING', 'retry.messageId': 'm2' },
        ],
      },
    );
    const doc = await declarations.findOne({ _id: id });
    expect((doc?.outbox as Entry[]).map(({ state, attempts, retryAt: retry }) => ({ state, attempts, retry }))).to.deep.equal([
      { state: 'SENT', attempts: 1, retry: undefined },
      { state: 'PENDING', attempts: 1, retry: retryAt },
    ]);
  });

  it('counts no modification when nothing matches the array filter or the values are already there', async function () {
    const id = await stored({ status: 'ROUTED', outbox: [entry('m1', 'SENT')] });
    const none = await declarations.updateOne(
      { _id: id },
      { $set: { 'outbox.$[e].state': 'SENT' } },
      { arrayFilters: [{ 'e.state': 'PENDING' }] },
    );
    expect(none).to.include({ matchedCount: 1, modifiedCount: 0 });
    const same = await declarations.updateOne({ _id: id }, { $set: { status: 'ROUTED', 'outbox.0.attempts': 0 } });
    expect(same).to.include({ matchedCount: 1, modifiedCount: 0 });
    const reordered = await declarations.updateOne(
      { _id: id },
      { $set: { 'outbox.0': { state: 'SENT', messageId: 'm1', attempts: 0, body: '<m id="m1"/>' } } },
    );
    expect(reordered, 'the same fields in another order are other bytes').to.include({ modifiedCount: 1 });
  });

  it('updates every element with $[] and creates fields inside them', async function () {
    const id = await stored({ outbox: [entry('m1'), entry('m2')] });
    await declarations.updateOne({ _id: id }, { $set: { 'outbox.$[].audit.checked': true } });
    const doc = await declarations.findOne({ _id: id });
    expect((doc?.outbox as { audit: unknown }[]).map((e) => e.audit)).to.deep.equal([{ checked: true }, { checked: true }]);
  });

  it('refuses paths that overlap, in one operator or across two', async function () {
    const id = await stored({ status: 'DRAFT', outbox: [entry('m1')] });
    expect((await failure(declarations.updateOne({ _id: id }, { $set: { status: 'A' }, $unset: { status: 1 } }))).code).to.equal(40);
    expect((await failure(declarations.updateOne({ _id: id }, { $set: { meta: {}, 'meta.a': 1 } }))).code).to.equal(40);
    const sameElement = declarations.updateOne(
      { _id: id },
      { $set: { 'outbox.$[e]': entry('m9'), 'outbox.$[e].state': 'SENT' } },
      { arrayFilters: [{ 'e.state': 'PENDING' }] },
    );
    expect((await failure(sameElement)).code).to.equal(40);
  });

  it('refuses two identifiers that reach the same field of one element', async function () {
    const id = await stored({ outbox: [entry('m1')] });
    const update = declarations.updateOne(
      { _id: id },
      { $set: { 'outbox.$[a].state': 'SENT', 'outbox.$[b].state': 'FAILED' } },
      { arrayFilters: [{ 'a.messageId': 'm1' }, { 'b.state': 'PENDING' }] },
    );
    expect((await failure(update)).code).to.equal(40);
    expect((await declarations.findOne({ _id: id }))?.outbox?.[0]?.state).to.equal('PENDING');
  });

  it('requires a filter for every identifier and a use for every filter', async function () {
    const id = await stored({ outbox: [entry('m1')] });
    const missing = declarations.updateOne({ _id: id }, { $set: { 'outbox.$[e].state': 'SENT' } });
    expect((await failure(missing)).code).to.equal(2);
    const unused = declarations.updateOne(
      { _id: id },
      { $set: { 'outbox.$[e].state': 'SENT' } },
      { arrayFilters: [{ 'e.state': 'PENDING' }, { 'x.state': 'SENT' }] },
    );
    expect((await failure(unused)).code).to.equal(9);
  });

  it('refuses array updates on a missing or non-array field', async function () {
    const id = await stored({ status: 'DRAFT' });
    expect((await failure(declarations.updateOne({ _id: id }, { $set: { 'outbox.$[].state': 'SENT' } }))).code).to.equal(2);
    expect((await failure(declarations.updateOne({ _id: id }, { $set: { 'status.$[].x': 1 } }))).code).to.equal(2);
  });

  it('creates embedded documents along a missing path, pads arrays with null, and refuses a path through a scalar', async function () {
    const id = await stored({ status: 'DRAFT', agencies: ['CUSTOMS'] });
    await declarations.updateOne({ _id: id }, { $set: { 'review.by.agency': 'MOH', 'agencies.3': 'MOIT' } });
    const doc = await declarations.findOne({ _id: id });
    expect(doc?.review).to.deep.equal({ by: { agency: 'MOH' } });
    expect(doc?.agencies).to.deep.equal(['CUSTOMS', null, null, 'MOIT']);
    expect((await failure(declarations.updateOne({ _id: id }, { $set: { 'status.code': 1 } }))).code).to.equal(28);
  });

  it('adds new fields in lexicographic order, whatever the order of the update', async function () {
    const id = await stored({ status: 'DRAFT' });
    await declarations.updateOne({ _id: id }, { $set: { zeta: 1, alpha: 2 }, $inc: { mid: 1 } });
    expect(Object.keys((await declarations.findOne({ _id: id }))!)).to.deep.equal(['_id', 'status', 'alpha', 'mid', 'zeta']);
  });

  it('unsets a field, and turns an unset array element into null', async function () {
    const id = await stored({ status: 'DRAFT', agencies: ['CUSTOMS', 'MOH'] });
    const result = await declarations.updateOne({ _id: id }, { $unset: { status: '', 'agencies.0': '', missing: '' } });
    expect(result.modifiedCount).to.equal(1);
    const doc = await declarations.findOne({ _id: id });
    expect(doc).to.deep.equal({ _id: id, agencies: [null, 'MOH'] });
  });

  it('refuses $inc on a non-numeric field or with a non-numeric amount', async function () {
    const id = await stored({ status: 'DRAFT' });
    expect((await failure(declarations.updateOne({ _id: id }, { $inc: { status: 1 } }))).code).to.equal(14);
    expect((await failure(declarations.updateOne({ _id: id }, raw({ $inc: { count: 'one' } })))).code).to.equal(14);
  });

  it('multiplies, starting a missing field at zero', async function () {
    const id = await stored({ status: 'DRAFT', quantity: 4 });
    await declarations.updateOne({ _id: id }, { $mul: { quantity: 2.5, fresh: 3 } });
    expect(await declarations.findOne({ _id: id })).to.deep.include({ quantity: 10, fresh: 0 });
  });

  it('pushes with $each, $position and $slice, and refuses a push onto a non-array', async function () {
    const id = await stored({ status: 'DRAFT', agencies: ['CUSTOMS', 'MOH'] });
    await declarations.updateOne({ _id: id }, raw({ $push: { agencies: { $each: ['MOIT', 'MARD'], $position: 1, $slice: 4 } } }));
    expect((await declarations.findOne({ _id: id }))?.agencies).to.deep.equal(['CUSTOMS', 'MOIT', 'MARD', 'MOH']);
    await declarations.updateOne({ _id: id }, raw({ $push: { agencies: { $each: ['VINACONTROL'], $slice: -2 } } }));
    expect((await declarations.findOne({ _id: id }))?.agencies).to.deep.equal(['MOH', 'VINACONTROL']);
    expect((await failure(declarations.updateOne({ _id: id }, raw({ $push: { status: 'X' } })))).code).to.equal(2);
  });

  it('accepts an empty operator as a no-op', async function () {
    const id = await stored({ status: 'DRAFT' });
    const result = await declarations.updateOne({ _id: id }, { $set: {} });
    expect(result).to.include({ matchedCount: 1, modifiedCount: 0 });
  });

  it('the positional $ names the matched element of an array inside a subdocument', async function () {
    const id = await stored({
      goods: {
        items: [
          { hsCode: '100630', inspected: false },
          { hsCode: '090111', inspected: false },
        ],
      },
    } as never);
    const result = await declarations.updateOne(
      { _id: id, 'goods.items.hsCode': '090111' },
      raw({ $set: { 'goods.items.$.inspected': true } }),
    );
    expect(result).to.include({ matchedCount: 1, modifiedCount: 1 });
    expect(await declarations.findOne({ _id: id })).to.deep.equal({
      _id: id,
      goods: {
        items: [
          { hsCode: '100630', inspected: false },
          { hsCode: '090111', inspected: true },
        ],
      },
    });
    const unmatched = await failure(declarations.updateOne({ _id: id }, raw({ $set: { 'goods.items.$.inspected': false } })));
    expect(unmatched.code, 'a query that names no element of the array').to.equal(2);
    expect(unmatched.message).to.contain('The positional operator did not find the match needed from the query');
  });

  it('keeps the indexes of updated documents right, whichever fields change', async function () {
    await declarations.createIndex({ 'outbox.state': 1 });
    await declarations.createIndex({ status: 1 });
    const id = await stored({ status: 'QUEUED', outbox: [entry('m1')] });
    const ids = async (filter: mongoose.mongo.Filter<{ _id: string } & mongoose.mongo.Document>) =>
      (await declarations.find(filter).toArray()).map((doc) => doc._id);
    await declarations.updateOne({ _id: id }, { $set: { 'outbox.$[e].state': 'SENT' } }, { arrayFilters: [{ 'e.messageId': 'm1' }] });
    expect(await ids({ 'outbox.state': 'PENDING' })).to.not.include(id);
    expect(await ids({ 'outbox.state': 'SENT' })).to.include(id);
    expect(await ids({ status: 'QUEUED' }), 'an index the update did not touch').to.include(id);
    await declarations.updateOne({ _id: id }, { $set: { status: 'DONE' } });
    expect(await ids({ status: 'QUEUED' })).to.not.include(id);
    expect(await ids({ status: 'DONE' })).to.include(id);
    expect(await ids({ 'outbox.state': 'SENT' })).to.include(id);
  });
});
