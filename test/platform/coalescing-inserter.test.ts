import { expect } from 'chai';
import type { mongo } from 'mongoose';
import { CoalescingInserter } from '../../src/platform/storage/coalescing-inserter.js';
import { connectTargetStore, type TargetStore } from '../embedded-store/support/target-store.js';

interface Row {
  _id: string;
  reference: string;
}

describe('coalescing inserter', () => {
  let store: TargetStore;
  let rows: mongo.Collection<Row>;
  let commands: string[] = [];

  before(async () => {
    store = await connectTargetStore('coalescing');
    rows = store.connection.getClient().db(store.connection.name).collection<Row>('rows');
    await rows.createIndex({ reference: 1 }, { unique: true });
    store.connection.getClient().on('commandStarted', (event) => commands.push(event.commandName));
  });

  beforeEach(async () => {
    await rows.deleteMany({});
    commands = [];
  });

  after(() => store.close());

  it('stores every row of a burst, in fewer commands than rows', async () => {
    const inserter = new CoalescingInserter(rows);
    await Promise.all(Array.from({ length: 40 }, (_, i) => inserter.insert({ _id: `row-${i}`, reference: `REF-${i}` })));
    expect(await rows.countDocuments()).to.equal(40);
    const inserts = commands.filter((name) => name === 'insert');
    expect(inserts.length).to.be.greaterThan(0).and.lessThan(40);
  });

  it('fails only the caller whose row breaks a unique index, with the server error', async () => {
    await rows.insertOne({ _id: 'existing', reference: 'REF-TAKEN' });
    const inserter = new CoalescingInserter(rows);
    const outcomes = await Promise.allSettled([
      inserter.insert({ _id: 'a', reference: 'REF-A' }),
      inserter.insert({ _id: 'b', reference: 'REF-B' }),
      inserter.insert({ _id: 'c', reference: 'REF-TAKEN' }),
      inserter.insert({ _id: 'd', reference: 'REF-D' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(((outcomes[2] as PromiseRejectedResult).reason as { code?: number }).code).to.equal(11000);
    expect((await rows.find({}, { sort: { _id: 1 } }).toArray()).map((row) => row._id)).to.deep.equal(['a', 'b', 'd', 'existing']);
  });

  it('keeps two rows of one burst with the same unique key from both being stored', async () => {
    const inserter = new CoalescingInserter(rows);
    const outcomes = await Promise.allSettled([
      inserter.insert({ _id: 'first', reference: 'REF-SAME' }),
      inserter.insert({ _id: 'second', reference: 'REF-SAME' }),
      inserter.insert({ _id: 'third', reference: 'REF-SAME' }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).to.have.length(1);
    expect(await rows.countDocuments({ reference: 'REF-SAME' })).to.equal(1);
  });
});
