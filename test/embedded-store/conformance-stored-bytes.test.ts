import { expect } from 'chai';
import { Double, Int32, Long, type Document } from 'bson';
import type { Collection } from 'mongodb';
import { connectTargetStore, type TargetStore } from './support/target-store.js';

type Certificate = Document & { _id: string };

/** BSON types as the driver hands them over when asked not to turn them into JS numbers. */
const AS_STORED = { promoteValues: false } as const;

describe('embedded store conformance: a document reads back as it was stored', function () {
  let target: TargetStore;
  let certificates: Collection<Certificate>;

  before(async function () {
    target = await connectTargetStore('stored_bytes');
    certificates = target.connection.getClient().db(target.connection.name).collection<Certificate>('certificates');
  });

  after(async function () {
    await target.close();
  });

  it('keeps a whole-number double a double, an int32 an int32 and an int64 an int64', async function () {
    await certificates.insertOne({
      _id: 'co-1',
      fobValue: new Double(12500),
      packages: new Int32(40),
      serial: Long.fromNumber(2_026_000_001),
      lines: [{ weightKg: new Double(1) }],
    });

    const read = await certificates.findOne({ _id: 'co-1' }, AS_STORED);
    expect(read!.fobValue).to.be.instanceOf(Double);
    expect(read!.packages).to.be.instanceOf(Int32);
    expect(read!.serial).to.be.instanceOf(Long);
    expect((read!.lines as Document[])[0]!.weightKg).to.be.instanceOf(Double);
    expect(Object.keys(read!)).to.deep.equal(['_id', 'fobValue', 'packages', 'serial', 'lines']);
  });

  it('reads each document of a batch insert as its own, and a changed document as changed', async function () {
    await certificates.insertMany([
      { _id: 'co-2', exporter: 'Công ty Thủy sản Mê Kông', fobValue: 100 },
      { _id: 'co-3', exporter: 'Viet Tien Garment', fobValue: 200 },
    ]);
    await certificates.updateOne({ _id: 'co-3' }, { $set: { status: 'ISSUED' }, $inc: { fobValue: 5 } });

    const read = await certificates
      .find({ _id: { $in: ['co-2', 'co-3'] } })
      .sort({ _id: 1 })
      .toArray();
    expect(read).to.deep.equal([
      { _id: 'co-2', exporter: 'Công ty Thủy sản Mê Kông', fobValue: 100 },
      { _id: 'co-3', exporter: 'Viet Tien Garment', fobValue: 205, status: 'ISSUED' },
    ]);
  });

  it('leaves a stored document as it was when an insert of the same _id is refused', async function () {
    await certificates.insertOne({ _id: 'co-4', exporter: 'first' });
    const refused = await certificates.insertOne({ _id: 'co-4', exporter: 'second' }).catch((error: { code?: number }) => error);
    expect(refused).to.have.property('code', 11000);
    expect(await certificates.findOne({ _id: 'co-4' })).to.deep.equal({ _id: 'co-4', exporter: 'first' });
  });

  it('picks top-level fields with $replaceRoot as stored: renamed, in the new order, a missing one left out', async function () {
    await certificates.insertOne({ _id: 'co-5', fobValue: new Double(300), formType: 'ATIGA-D', origin: 'VN' });

    const [picked] = await certificates
      .aggregate(
        [
          { $match: { _id: 'co-5' } },
          { $replaceRoot: { newRoot: { form: '$formType', id: '$_id', value: '$fobValue', remark: '$remark' } } },
        ],
        AS_STORED,
      )
      .toArray();
    expect(Object.keys(picked!)).to.deep.equal(['form', 'id', 'value']);
    expect(picked!.form).to.equal('ATIGA-D');
    expect(picked!.id).to.equal('co-5');
    expect(picked!.value).to.be.instanceOf(Double);
  });

  it('gives the same documents whole and picked, read through every getMore of a cursor', async function () {
    const many = Array.from({ length: 30 }, (_, i) => ({
      _id: `batch-${String(i).padStart(2, '0')}`,
      formType: 'ATIGA-D',
      lines: Array.from({ length: i }, (_, k) => ({ line: k })),
    }));
    await certificates.insertMany(many);
    const filter = { _id: { $in: many.map((doc) => doc._id) } };

    const whole = await certificates.find(filter, { batchSize: 7 }).sort({ _id: 1 }).toArray();
    expect(whole).to.deep.equal(many);
    const picked = await certificates
      .aggregate([{ $match: filter }, { $replaceRoot: { newRoot: { _id: '$_id', lines: '$lines' } } }], { batchSize: 7 })
      .toArray();
    expect(picked.sort((a, b) => String(a._id).localeCompare(String(b._id)))).to.deep.equal(many.map(({ _id, lines }) => ({ _id, lines })));
  });
});
