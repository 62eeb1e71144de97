import { expect } from 'chai';
import mongoose, { type Model } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { connectTargetStore, type TargetStore } from './support/target-store.js';

interface Shipment {
  reference: string;
  exporterTaxId: string;
  destination: string;
  hsCodes: string[];
  weightKg: number;
  lodgedAt: Date;
  consignee: { name: string; country: string };
}

const DESTINATIONS = ['TH', 'SG', 'KR', 'NZ'];

function shipment(i: number): Shipment {
  return {
    reference: `SH-${String(i).padStart(5, '0')}`,
    exporterTaxId: i % 3 === 0 ? '0301234567' : '0307654321',
    destination: DESTINATIONS[i % DESTINATIONS.length]!,
    hsCodes: i % 2 === 0 ? ['100630'] : ['090111', '100630'],
    weightKg: 100 * (i + 1),
    lodgedAt: new Date(Date.UTC(2024, 0, 1 + i)),
    consignee: { name: `Consignee ${i}`, country: DESTINATIONS[i % DESTINATIONS.length]! },
  };
}

describe('embedded store conformance: queries, cursors and aggregation', function () {
  let target: TargetStore;
  let Shipments: Model<Shipment>;
  const COUNT = 60;

  before(async function () {
    target = await connectTargetStore('queries');
    const schema = new mongoose.Schema<Shipment>({
      reference: { type: String, required: true, unique: true },
      exporterTaxId: { type: String, required: true, index: true },
      destination: String,
      hsCodes: { type: [String], index: true },
      weightKg: Number,
      lodgedAt: Date,
      consignee: { name: String, country: String },
    });
    Shipments = target.connection.model<Shipment>('Shipment', schema);
    await Shipments.init();
    await Shipments.insertMany(Array.from({ length: COUNT }, (_, i) => shipment(i)));
  });

  after(async function () {
    await target.close();
  });

  it('finds by indexed equality, by array element and by dotted path', async function () {
    expect(await Shipments.countDocuments({ exporterTaxId: '0301234567' })).to.equal(20);
    expect(await Shipments.countDocuments({ hsCodes: '090111' })).to.equal(30);
    expect(await Shipments.countDocuments({ 'consignee.country': 'KR' })).to.equal(15);
    expect(await Shipments.countDocuments({ exporterTaxId: { $in: ['0301234567', 'nobody'] }, destination: 'TH' })).to.equal(5);
  });

  it('sorts, skips, limits and projects like MongoDB', async function () {
    const page = await Shipments.find({ destination: 'SG' }, { reference: 1, weightKg: 1, _id: 0 })
      .sort({ weightKg: -1 })
      .skip(2)
      .limit(3)
      .lean();
    expect(page).to.deep.equal([
      { reference: 'SH-00049', weightKg: 5000 },
      { reference: 'SH-00045', weightKg: 4600 },
      { reference: 'SH-00041', weightKg: 4200 },
    ]);
  });

  it('range queries on dates and numbers', async function () {
    const from = new Date(Date.UTC(2024, 0, 11));
    const to = new Date(Date.UTC(2024, 0, 20));
    expect(await Shipments.countDocuments({ lodgedAt: { $gte: from, $lt: to } })).to.equal(9);
    expect(await Shipments.countDocuments({ weightKg: { $gt: 5500 } })).to.equal(5);
  });

  it('pages through a cursor with a small batch size across several getMore calls', async function () {
    const getMores: CommandStartedEvent[] = [];
    const client = target.connection.getClient();
    const listener = (event: CommandStartedEvent) => {
      if (event.commandName === 'getMore') getMores.push(event);
    };
    client.on('commandStarted', listener);
    try {
      const seen: string[] = [];
      for await (const doc of Shipments.find({}, { reference: 1 }).sort({ reference: 1 }).batchSize(7).cursor()) {
        seen.push(doc.reference);
      }
      expect(seen).to.have.length(COUNT);
      expect(seen).to.deep.equal([...seen].sort());
      expect(new Set(seen).size).to.equal(COUNT);
      expect(getMores.length).to.be.greaterThanOrEqual(Math.floor(COUNT / 7) - 1);
    } finally {
      client.off('commandStarted', listener);
    }
  });

  it('countDocuments and estimatedDocumentCount agree', async function () {
    expect(await Shipments.countDocuments()).to.equal(COUNT);
    expect(await Shipments.estimatedDocumentCount()).to.equal(COUNT);
  });

  it('distinct unwinds arrays and honours the filter', async function () {
    const codes = await Shipments.distinct('hsCodes');
    expect([...codes].sort()).to.deep.equal(['090111', '100630']);
    const destinations = await Shipments.distinct('destination', { exporterTaxId: '0301234567' });
    expect([...destinations].sort()).to.deep.equal(['KR', 'NZ', 'SG', 'TH']);
  });

  it('aggregates with $match, $group and $sort', async function () {
    const totals = await Shipments.aggregate<{ _id: string; shipments: number; totalKg: number }>([
      { $match: { exporterTaxId: '0307654321' } },
      { $group: { _id: '$destination', shipments: { $sum: 1 }, totalKg: { $sum: '$weightKg' } } },
      { $sort: { totalKg: -1 } },
    ]);
    const expected = new Map<string, { shipments: number; totalKg: number }>();
    for (const s of Array.from({ length: COUNT }, (_, i) => shipment(i)).filter((s) => s.exporterTaxId === '0307654321')) {
      const row = expected.get(s.destination) ?? { shipments: 0, totalKg: 0 };
      expected.set(s.destination, { shipments: row.shipments + 1, totalKg: row.totalKg + s.weightKg });
    }
    const expectedRows = [...expected].map(([_id, row]) => ({ _id, ...row })).sort((a, b) => b.totalKg - a.totalKg);
    expect(totals).to.deep.equal(expectedRows);
  });

  it('pages an aggregation with $skip and $limit after $match and $sort, and refuses a limit that is not positive or a negative skip', async function () {
    const page = await Shipments.aggregate<{ reference: string }>([
      { $match: { exporterTaxId: '0301234567' } },
      { $sort: { reference: 1 } },
      { $skip: 3 },
      { $limit: 4 },
      { $project: { _id: 0, reference: 1 } },
    ]);
    expect(page.map((row) => row.reference)).to.deep.equal(['SH-00009', 'SH-00012', 'SH-00015', 'SH-00018']);
    // Straight after $match the page is the store's order: the same rows however it is cut.
    const all = await Shipments.aggregate<{ _id: unknown }>([{ $match: { destination: 'TH' } }, { $project: { _id: 1 } }]);
    const cut = await Shipments.aggregate<{ _id: unknown }>([
      { $match: { destination: 'TH' } },
      { $skip: 2 },
      { $limit: 3 },
      { $limit: 5 },
      { $project: { _id: 1 } },
    ]);
    expect(cut.map((row) => String(row._id))).to.deep.equal(all.slice(2, 5).map((row) => String(row._id)));
    expect(await Shipments.aggregate([{ $match: { destination: 'TH' } }, { $skip: 100 }])).to.deep.equal([]);
    for (const stage of [{ $limit: 0 }, { $limit: -1 }, { $skip: -1 }]) {
      const error = await Shipments.collection
        .aggregate([{ $match: { destination: 'TH' } }, stage])
        .toArray()
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(stage)).to.be.instanceOf(mongoose.mongo.MongoServerError);
    }
  });

  it('replaces the root with picked fields, leaving out a field the document lacks', async function () {
    const picked = await Shipments.collection
      .aggregate([
        { $match: { destination: 'KR' } },
        { $limit: 2 },
        { $replaceRoot: { newRoot: { ref: '$reference', codes: '$hsCodes', to: '$consignee', missing: '$nowhere' } } },
      ])
      .toArray();
    expect(picked).to.have.length(2);
    for (const row of picked) {
      expect(Object.keys(row)).to.deep.equal(['ref', 'codes', 'to']);
      expect(row.to).to.deep.include({ country: 'KR' });
      expect(row.codes).to.be.an('array').that.includes('100630');
    }
    const withoutMatch = await Shipments.collection.aggregate([{ $replaceWith: { ref: '$reference' } }, { $limit: 3 }]).toArray();
    expect(withoutMatch.map((row) => Object.keys(row))).to.deep.equal([['ref'], ['ref'], ['ref']]);
  });

  it('sends large documents whole, in as many batches as the 16 MiB reply limit needs', async function () {
    const large = target.connection.getClient().db(target.connection.name).collection<{ _id: number; payload: string }>('large_payloads');
    const payload = (i: number) => String(i).repeat(5 * 1024 * 1024);
    for (let i = 0; i < 5; i += 1) await large.insertOne({ _id: i, payload: payload(i) });
    const batches: number[] = [];
    const client = target.connection.getClient();
    const listener = (event: { commandName: string; reply: { cursor?: { firstBatch?: unknown[]; nextBatch?: unknown[] } } }) => {
      const batch = event.reply.cursor?.firstBatch ?? event.reply.cursor?.nextBatch;
      if (batch) batches.push(batch.length);
    };
    client.on('commandSucceeded', listener);
    try {
      const docs = await large.find({}, { batchSize: 100 }).sort({ _id: 1 }).toArray();
      expect(docs.map((doc) => doc._id)).to.deep.equal([0, 1, 2, 3, 4]);
      docs.forEach((doc) => expect(doc.payload === payload(doc._id), `document ${doc._id} whole`).to.equal(true));
      expect(batches.length).to.be.greaterThan(1);
      expect(batches.reduce((sum, count) => sum + count, 0)).to.equal(5);
    } finally {
      client.off('commandSucceeded', listener);
      await large.drop();
    }
  });

  it('an aggregation that adds fields does not change the stored documents', async function () {
    await Shipments.aggregate([{ $match: { reference: 'SH-00001' } }, { $set: { 'consignee.name': 'changed', weightKg: 0 } }]);
    const stored = await Shipments.findOne({ reference: 'SH-00001' }).lean();
    expect(stored?.consignee.name).to.equal('Consignee 1');
    expect(stored?.weightKg).to.equal(200);
  });

  it('an unknown query operator is an error, not an empty result', async function () {
    const error = await Shipments.collection
      .find({ weightKg: { $nearly: 100 } })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
    expect((error as mongoose.mongo.MongoServerError).code).to.equal(2);
  });
});
