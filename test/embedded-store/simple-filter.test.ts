import { expect } from 'chai';
import { ObjectId, type Document } from 'bson';
import { Query } from 'mingo';
import { MINGO_OPTIONS } from '../../src/platform/embedded-store/engine/mingo-options.js';
import { compileMatcher } from '../../src/platform/embedded-store/engine/simple-filter.js';

const now = new Date('2024-01-01T00:00:00Z');
const later = new Date('2024-06-01T00:00:00Z');
const oid = new ObjectId('65a000000000000000000001');

/** Shapes that stress the rules: missing and null fields, arrays on the path, nested arrays, NaN, -0, mixed types. */
const documents: Document[] = [
  { _id: 1, a: 1, s: 'x', d: now, o: { b: 2, c: 'y' }, arr: [1, 2], outbox: [{ state: 'PENDING', leaseUntil: now }, { state: 'SENT' }] },
  { _id: 2, a: null, s: 'y', d: later, o: null, outbox: [{ state: 'SENT', leaseUntil: later }] },
  { _id: 3, s: 5, o: { b: [1, 2] }, outbox: [{ state: 'PENDING', leaseUntil: later }, 7, [{ state: 'PENDING' }]] },
  { _id: 4, a: -0, s: ['x', 'z'], d: 'str', o: [{ b: 2 }, { b: 3 }], outbox: [] },
  { _id: 5, a: NaN, oid, o: { b: { c: 1 } }, outbox: [{ state: 'PENDING' }, { leaseUntil: now }] },
  { _id: 6, a: true, s: '', o: [[{ b: 2 }]], outbox: 'PENDING' },
  { _id: 7, a: 0, o: [1, { b: null }], outbox: [{ state: null }] },
];

const filters: Document[] = [
  { a: 1 },
  { a: 0 },
  { a: null },
  { a: { $ne: null } },
  { a: { $exists: false } },
  { a: { $exists: true } },
  { s: 'x' },
  { s: { $in: ['x', 'y'] } },
  { s: { $nin: ['x', 5] } },
  { d: { $gt: now } },
  { d: { $gte: now } },
  { d: { $not: { $gt: now } } },
  { d: { $lt: later, $gt: now } },
  { a: { $gt: 0 } },
  { a: { $lte: 1 } },
  { a: { $not: { $lte: 0 } } },
  { a: { $eq: -0 } },
  { a: { $in: [null, 1] } },
  { 'o.b': 2 },
  { 'o.b': 3 },
  { 'o.b': null },
  { 'o.b': { $ne: 2 } },
  { 'o.b': { $gt: 1 } },
  { 'o.b.c': 1 },
  { 'o.c': 'y' },
  { 'o.b': { $in: [2, 9] } },
  { 'o.b': { $exists: true } },
  { 'outbox.state': 'PENDING' },
  { outbox: { $elemMatch: { state: 'PENDING', leaseUntil: { $not: { $gt: now } } } } },
  { _id: { $nin: [1] }, 'outbox.state': 'PENDING', outbox: { $elemMatch: { state: 'PENDING', leaseUntil: { $not: { $gt: now } } } } },
  { 'outbox.leaseUntil': { $lte: now } },
  { 'outbox.state': { $in: ['SENT', 'X'] } },
  { 'outbox.state': null },
  { oid },
  { oid: { $in: [oid] } },
  { _id: { $in: [1, 3, 5] }, a: { $ne: 1 } },
  { $and: [{ a: { $gte: 0 } }, { s: { $exists: true } }] },
  { arr: 2 },
  { 'arr.0': 1 },
  { $or: [{ a: 1 }, { s: 'y' }] },
  { s: /x/ },
];

describe('embedded store: compiled filters', function () {
  it('match exactly the documents mingo matches, whether tested directly or handed to mingo', function () {
    for (const filter of filters) {
      const query = new Query(filter, MINGO_OPTIONS);
      const matches = compileMatcher(filter);
      for (const doc of documents) {
        expect(matches(doc), `${JSON.stringify(filter)} on document ${String(doc._id)}`).to.equal(query.test(doc));
      }
    }
  });

  it('reject an invalid filter when compiled, as a query on an empty collection does', function () {
    expect(() => compileMatcher({ a: { $frobnicate: 1 } })).to.throw();
  });
});
