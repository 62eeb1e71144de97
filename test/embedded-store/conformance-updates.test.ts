import { expect } from 'chai';
import mongoose, { type Model, type Types } from 'mongoose';
import { connectTargetStore, type TargetStore } from './support/target-store.js';

interface GoodsItem {
  hsCode: string;
  quantity: number;
  inspected: boolean;
}

interface Declaration {
  reference: string;
  status: string;
  version: number;
  items: GoodsItem[];
  history: { status: string; at: Date }[];
  agencies: string[];
  declaredValue?: Types.Decimal128;
  createdBy?: string;
}

describe('embedded store conformance: updates, upserts and deletes', function () {
  let target: TargetStore;
  let Declarations: Model<Declaration>;

  before(async function () {
    target = await connectTargetStore('updates');
    const schema = new mongoose.Schema<Declaration>({
      reference: { type: String, required: true, unique: true },
      status: { type: String, required: true },
      version: { type: Number, default: 1 },
      items: [{ _id: false, hsCode: String, quantity: Number, inspected: { type: Boolean, default: false } }],
      history: [{ _id: false, status: String, at: Date }],
      agencies: [String],
      declaredValue: mongoose.Schema.Types.Decimal128,
      createdBy: String,
    });
    Declarations = target.connection.model<Declaration>('Declaration', schema);
    await Declarations.init();
  });

  after(async function () {
    await target.close();
  });

  const submitted = (reference: string): Partial<Declaration> => ({
    reference,
    status: 'SUBMITTED',
    items: [
      { hsCode: '100630', quantity: 2000, inspected: false },
      { hsCode: '090111', quantity: 500, inspected: false },
    ],
    history: [{ status: 'SUBMITTED', at: new Date('2024-03-01T08:00:00Z') }],
    agencies: ['CUSTOMS'],
  });

  it('findOneAndUpdate with $set, $inc and $push returns the updated document', async function () {
    await Declarations.create(submitted('CD-2024-000101'));
    const updated = await Declarations.findOneAndUpdate(
      { reference: 'CD-2024-000101', version: 1 },
      { $set: { status: 'ROUTED' }, $inc: { version: 1 }, $push: { history: { status: 'ROUTED', at: new Date('2024-03-01T08:05:00Z') } } },
      { returnDocument: 'after' },
    ).lean();
    expect(updated?.status).to.equal('ROUTED');
    expect(updated?.version).to.equal(2);
    expect(updated?.history.map((entry) => entry.status)).to.deep.equal(['SUBMITTED', 'ROUTED']);
    expect(updated?.history[1]?.at).to.be.instanceOf(Date);
  });

  it('findOneAndUpdate returns the document as it was before, by default', async function () {
    await Declarations.create(submitted('CD-2024-000102'));
    const before = await Declarations.findOneAndUpdate({ reference: 'CD-2024-000102' }, { $set: { status: 'ROUTED' } }).lean();
    expect(before?.status).to.equal('SUBMITTED');
    expect((await Declarations.findOne({ reference: 'CD-2024-000102' }).lean())?.status).to.equal('ROUTED');
  });

  it('an optimistic update on a stale version matches nothing', async function () {
    await Declarations.create(submitted('CD-2024-000103'));
    const result = await Declarations.findOneAndUpdate(
      { reference: 'CD-2024-000103', version: 7 },
      { $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    expect(result).to.equal(null);
  });

  it('findOneAndUpdate with upsert creates the document from the filter and $setOnInsert', async function () {
    const created = await Declarations.findOneAndUpdate(
      { reference: 'CD-2024-000104' },
      { $setOnInsert: { status: 'RECEIVED', createdBy: 'partner-gateway' }, $addToSet: { agencies: 'MOH' } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(created).to.include({ reference: 'CD-2024-000104', status: 'RECEIVED', createdBy: 'partner-gateway' });
    expect(created?.agencies).to.deep.equal(['MOH']);
    const again = await Declarations.findOneAndUpdate(
      { reference: 'CD-2024-000104' },
      { $setOnInsert: { status: 'IGNORED' }, $addToSet: { agencies: 'MOH' } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(again?.status).to.equal('RECEIVED');
    expect(again?.agencies).to.deep.equal(['MOH']);
    expect(String(again?._id)).to.equal(String(created?._id));
  });

  it('updateOne with upsert reports the upserted id, and then a match without modification', async function () {
    const first = await Declarations.updateOne({ reference: 'CD-2024-000105' }, { $set: { status: 'DRAFT' } }, { upsert: true });
    expect(first.upsertedCount).to.equal(1);
    expect(first.upsertedId).to.not.equal(null);
    const second = await Declarations.updateOne({ reference: 'CD-2024-000105' }, { $set: { status: 'DRAFT' } }, { upsert: true });
    expect(second).to.include({ matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
  });

  it('arrayFilters update only the matching array elements', async function () {
    await Declarations.create(submitted('CD-2024-000106'));
    await Declarations.updateOne(
      { reference: 'CD-2024-000106' },
      { $set: { 'items.$[rice].inspected': true } },
      { arrayFilters: [{ 'rice.hsCode': '100630' }] },
    );
    const stored = await Declarations.findOne({ reference: 'CD-2024-000106' }).lean();
    expect(stored?.items.map((item) => item.inspected)).to.deep.equal([true, false]);
  });

  it('the positional $ operator updates the element the filter matched', async function () {
    await Declarations.create(submitted('CD-2024-000107'));
    await Declarations.updateOne({ reference: 'CD-2024-000107', 'items.hsCode': '090111' }, { $inc: { 'items.$.quantity': -100 } });
    const stored = await Declarations.findOne({ reference: 'CD-2024-000107' }).lean();
    expect(stored?.items.map((item) => item.quantity)).to.deep.equal([2000, 400]);
  });

  it('updateMany reports matched and modified counts separately', async function () {
    await Declarations.create([
      { ...submitted('CD-2024-000201'), status: 'QUEUED' },
      { ...submitted('CD-2024-000202'), status: 'QUEUED' },
      { ...submitted('CD-2024-000203'), status: 'QUEUED', agencies: ['CUSTOMS', 'MOIT'] },
    ]);
    const result = await Declarations.updateMany({ status: 'QUEUED' }, { $addToSet: { agencies: 'MOIT' } });
    expect(result).to.include({ matchedCount: 3, modifiedCount: 2 });
  });

  it('changing _id is refused as an immutable field', async function () {
    await Declarations.create(submitted('CD-2024-000108'));
    const error = (await Declarations.collection
      .updateOne({ reference: 'CD-2024-000108' }, { $set: { _id: new mongoose.Types.ObjectId() } })
      .catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
    expect(error.code).to.equal(66);
  });

  it('a pipeline update whose result drops _id keeps the original _id, while changing it is refused', async function () {
    const original = await Declarations.create(submitted('CD-2024-000120'));
    const result = await Declarations.collection.updateOne({ _id: original._id }, [
      { $project: { _id: 0, reference: 1, status: 'CLEARED' } },
    ]);
    expect(result).to.include({ matchedCount: 1, modifiedCount: 1 });
    expect(await Declarations.collection.findOne({ _id: original._id })).to.deep.equal({
      _id: original._id,
      reference: 'CD-2024-000120',
      status: 'CLEARED',
    });
    const error = (await Declarations.collection
      .updateOne({ _id: original._id }, [{ $replaceWith: { _id: 'CD-other', status: 'X' } }])
      .catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
    expect(error.code).to.equal(66);
  });

  it('an update statement with an unknown field fails the whole command, not just its write', async function () {
    const error = (await target.connection
      .db!.command({ update: Declarations.collection.collectionName, updates: [{ q: {}, u: { $set: { status: 'X' } }, sort: { _id: 1 } }] })
      .catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
    expect(error.code).to.equal(40415);
    expect(await Declarations.countDocuments({ status: 'X' })).to.equal(0);
  });

  it('replaceOne keeps the _id and drops the fields not in the replacement', async function () {
    const original = await Declarations.create(submitted('CD-2024-000109'));
    await Declarations.collection.replaceOne({ _id: original._id }, { reference: 'CD-2024-000109', status: 'AMENDED' });
    const stored = await Declarations.collection.findOne({ _id: original._id });
    expect(stored).to.deep.equal({ _id: original._id, reference: 'CD-2024-000109', status: 'AMENDED' });
  });

  it('an unknown update operator fails loudly instead of being ignored', async function () {
    await Declarations.create(submitted('CD-2024-000110'));
    const error = (await Declarations.collection
      .updateOne({ reference: 'CD-2024-000110' }, { $frobnicate: { status: 'X' } } as never)
      .catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
    expect((await Declarations.findOne({ reference: 'CD-2024-000110' }).lean())?.status).to.equal('SUBMITTED');
  });

  it('BSON types survive a round trip: ObjectId, Date, Decimal128', async function () {
    const value = mongoose.Types.Decimal128.fromString('12345.67');
    const created = await Declarations.create({ ...submitted('CD-2024-000111'), declaredValue: value });
    const raw = await Declarations.collection.findOne({ _id: created._id });
    expect(raw?._id).to.be.instanceOf(mongoose.Types.ObjectId);
    expect(raw?.history[0].at).to.be.instanceOf(Date);
    expect(raw?.declaredValue).to.be.instanceOf(mongoose.mongo.Decimal128);
    expect(raw?.declaredValue.toString()).to.equal('12345.67');
  });

  it('deleteOne removes one match and deleteMany removes all matches', async function () {
    await Declarations.create([
      { ...submitted('CD-2024-000301'), status: 'EXPIRED' },
      { ...submitted('CD-2024-000302'), status: 'EXPIRED' },
      { ...submitted('CD-2024-000303'), status: 'EXPIRED' },
    ]);
    expect((await Declarations.deleteOne({ status: 'EXPIRED' })).deletedCount).to.equal(1);
    expect((await Declarations.deleteMany({ status: 'EXPIRED' })).deletedCount).to.equal(2);
    expect(await Declarations.countDocuments({ status: 'EXPIRED' })).to.equal(0);
  });

  it('findOneAndDelete returns the removed document', async function () {
    await Declarations.create(submitted('CD-2024-000112'));
    const removed = await Declarations.findOneAndDelete({ reference: 'CD-2024-000112' }).lean();
    expect(removed?.reference).to.equal('CD-2024-000112');
    expect(await Declarations.exists({ reference: 'CD-2024-000112' })).to.equal(null);
  });
});
