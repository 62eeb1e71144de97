import { expect } from 'chai';
import mongoose, { type Connection, type Model } from 'mongoose';
import { connectTargetStore, type TargetStore } from './support/target-store.js';

interface Enterprise {
  taxId: string;
  name: string;
  country: string;
  contactEmail?: string;
}

interface Permit {
  enterpriseTaxId: string;
  reference: string;
  status: 'DRAFT' | 'APPROVED' | 'REJECTED';
  permitNumber?: string;
  customsOffice?: string;
}

function models(connection: Connection): { Enterprise: Model<Enterprise>; Permit: Model<Permit> } {
  const enterpriseSchema = new mongoose.Schema<Enterprise>({
    taxId: { type: String, required: true, unique: true, match: /^[0-9]{10}$/ },
    name: { type: String, required: true },
    country: { type: String, required: true, enum: ['VN', 'TH', 'SG', 'MY'] },
    contactEmail: { type: String },
  });
  enterpriseSchema.index({ contactEmail: 1 }, { unique: true, sparse: true });
  const permitSchema = new mongoose.Schema<Permit>({
    enterpriseTaxId: { type: String, required: true },
    reference: { type: String, required: true },
    status: { type: String, required: true, enum: ['DRAFT', 'APPROVED', 'REJECTED'] },
    permitNumber: String,
    customsOffice: String,
  });
  permitSchema.index({ enterpriseTaxId: 1, reference: 1 }, { unique: true });
  permitSchema.index({ permitNumber: 1 }, { unique: true, partialFilterExpression: { status: 'APPROVED' } });
  return {
    Enterprise: connection.model<Enterprise>('Enterprise', enterpriseSchema),
    Permit: connection.model<Permit>('Permit', permitSchema),
  };
}

describe('embedded store conformance: validation and unique indexes', function () {
  let target: TargetStore;
  let Enterprise: Model<Enterprise>;
  let Permit: Model<Permit>;

  before(async function () {
    target = await connectTargetStore('constraints');
    ({ Enterprise, Permit } = models(target.connection));
    await Enterprise.init();
    await Permit.init();
  });

  after(async function () {
    await target.close();
  });

  it('creates the schema indexes through createIndexes, as listIndexes shows', async function () {
    const indexes = await Permit.listIndexes();
    const byName = new Map(indexes.map((index) => [index.name as string, index]));
    expect(byName.get('_id_')?.key).to.deep.equal({ _id: 1 });
    expect(byName.get('enterpriseTaxId_1_reference_1')).to.include({ unique: true });
    expect(byName.get('permitNumber_1')?.partialFilterExpression).to.deep.equal({ status: 'APPROVED' });
  });

  it('a document failing schema validation is rejected before reaching the store', async function () {
    const error = await Enterprise.create({ taxId: 'not-a-tax-id', name: 'Saigon Rice Export JSC', country: 'VN' }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(mongoose.Error.ValidationError);
    expect(await Enterprise.countDocuments({ name: 'Saigon Rice Export JSC' })).to.equal(0);
  });

  it('a second enterprise with the same tax id fails with E11000, keyPattern and keyValue', async function () {
    await Enterprise.create({ taxId: '0301234567', name: 'Mekong Seafood Co', country: 'VN' });
    const error = (await Enterprise.create({ taxId: '0301234567', name: 'Other Trading Ltd', country: 'VN' }).catch(
      (e: unknown) => e,
    )) as mongoose.mongo.MongoServerError;
    expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
    expect(error.code).to.equal(11000);
    expect(error.keyPattern).to.deep.equal({ taxId: 1 });
    expect(error.keyValue).to.deep.equal({ taxId: '0301234567' });
    expect(error.message).to.match(/E11000 duplicate key error collection: .*\.enterprises index: taxId_1 dup key/);
  });

  it('a duplicate _id is refused on the _id_ index', async function () {
    const first = await Enterprise.create({ taxId: '0309999999', name: 'Delta Coffee', country: 'VN' });
    const error = (await Enterprise.collection
      .insertOne({ _id: first._id, taxId: '0309999998', name: 'Copy', country: 'VN' })
      .catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error.code).to.equal(11000);
    expect(error.keyPattern).to.deep.equal({ _id: 1 });
    expect(String(error.keyValue?._id)).to.equal(String(first._id));
  });

  it('an _id holding a $-prefixed field is refused, at any depth, by insert and by upsert', async function () {
    const permits = target.connection.db!.collection<{ _id: object; kind: string }>('permits_with_odd_ids');
    for (const _id of [{ $permit: 'EP-1' }, { issuer: { $ministry: 'MOIT' } }]) {
      const error = (await permits.insertOne({ _id, kind: 'export' }).catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
      expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
      expect(error.code).to.equal(52);
      expect(error.message).to.match(/^_id fields may not contain '\$'-prefixed fields: \$\w+ is not valid for storage\.$/);
    }
    const upsert = (await permits
      .updateOne({ kind: 'import' }, { $setOnInsert: { _id: { $permit: 'IP-1' } } }, { upsert: true })
      .catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(upsert.code).to.equal(52);
    expect(await permits.countDocuments()).to.equal(0);
  });

  it('a sparse unique index ignores documents without the field but not duplicates of it', async function () {
    await Enterprise.create({ taxId: '0310000001', name: 'No Email One', country: 'TH' });
    await Enterprise.create({ taxId: '0310000002', name: 'No Email Two', country: 'TH' });
    await Enterprise.create({ taxId: '0310000003', name: 'Has Email', country: 'SG', contactEmail: 'trade@example.sg' });
    const error = (await Enterprise.create({
      taxId: '0310000004',
      name: 'Same Email',
      country: 'SG',
      contactEmail: 'trade@example.sg',
    }).catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error.code).to.equal(11000);
    expect(error.keyValue).to.deep.equal({ contactEmail: 'trade@example.sg' });
  });

  it('a compound unique index refuses only the same pair', async function () {
    await Permit.create({ enterpriseTaxId: '0301234567', reference: 'LIC-2024-0001', status: 'DRAFT' });
    await Permit.create({ enterpriseTaxId: '0307654321', reference: 'LIC-2024-0001', status: 'DRAFT' });
    const error = (await Permit.create({ enterpriseTaxId: '0301234567', reference: 'LIC-2024-0001', status: 'DRAFT' }).catch(
      (e: unknown) => e,
    )) as mongoose.mongo.MongoServerError;
    expect(error.code).to.equal(11000);
    expect(error.keyPattern).to.deep.equal({ enterpriseTaxId: 1, reference: 1 });
    expect(error.keyValue).to.deep.equal({ enterpriseTaxId: '0301234567', reference: 'LIC-2024-0001' });
  });

  it('a partial unique index applies only to documents matching its filter', async function () {
    await Permit.create({ enterpriseTaxId: '0301111111', reference: 'A-1', status: 'REJECTED', permitNumber: 'MOIT-77' });
    await Permit.create({ enterpriseTaxId: '0301111111', reference: 'A-2', status: 'APPROVED', permitNumber: 'MOIT-77' });
    await Permit.create({ enterpriseTaxId: '0301111111', reference: 'A-3', status: 'DRAFT', permitNumber: 'MOIT-77' });
    const error = (await Permit.create({
      enterpriseTaxId: '0301111111',
      reference: 'A-4',
      status: 'APPROVED',
      permitNumber: 'MOIT-77',
    }).catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error.code).to.equal(11000);
    expect(error.keyValue).to.deep.equal({ permitNumber: 'MOIT-77' });
  });

  it('an update that would duplicate a unique key fails and leaves the document unchanged', async function () {
    await Permit.create({ enterpriseTaxId: '0302222222', reference: 'B-1', status: 'DRAFT' });
    await Permit.create({ enterpriseTaxId: '0302222222', reference: 'B-2', status: 'DRAFT' });
    const error = (await Permit.updateOne({ reference: 'B-2' }, { $set: { reference: 'B-1' } }).catch(
      (e: unknown) => e,
    )) as mongoose.mongo.MongoServerError;
    expect(error.code).to.equal(11000);
    expect(await Permit.countDocuments({ enterpriseTaxId: '0302222222', reference: 'B-2' })).to.equal(1);
  });

  it('an unordered insertMany reports each duplicate as a write error and keeps the rest', async function () {
    const error = (await Enterprise.insertMany(
      [
        { taxId: '0400000001', name: 'Hanoi Textiles', country: 'VN' },
        { taxId: '0400000001', name: 'Hanoi Textiles again', country: 'VN' },
        { taxId: '0400000002', name: 'Haiphong Logistics', country: 'VN' },
      ],
      { ordered: false },
    ).catch((e: unknown) => e)) as mongoose.mongo.MongoBulkWriteError;
    expect(error).to.be.instanceOf(mongoose.mongo.MongoBulkWriteError);
    expect(error.code).to.equal(11000);
    expect(error.writeErrors).to.have.length(1);
    expect(await Enterprise.countDocuments({ taxId: { $in: ['0400000001', '0400000002'] } })).to.equal(2);
  });

  it('creating a unique index over existing duplicates fails and creates nothing', async function () {
    await Enterprise.collection.insertMany([
      { taxId: '0500000001', name: 'Twin', country: 'MY' },
      { taxId: '0500000002', name: 'Twin', country: 'MY' },
    ]);
    const error = (await Enterprise.collection
      .createIndex({ name: 1 }, { unique: true })
      .catch((e: unknown) => e)) as mongoose.mongo.MongoServerError;
    expect(error.code).to.equal(11000);
    const names = (await Enterprise.listIndexes()).map((index) => index.name as string);
    expect(names).to.not.include('name_1');
  });
});
