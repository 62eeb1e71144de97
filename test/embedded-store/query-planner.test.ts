import { expect } from 'chai';
import type { ObjectId } from 'bson';
import { Catalog } from '../../src/platform/embedded-store/engine/catalog.js';
import type { Collection } from '../../src/platform/embedded-store/engine/collection.js';
import { matchingList } from '../../src/platform/embedded-store/engine/document-query.js';
import { candidateDocuments } from '../../src/platform/embedded-store/engine/query-planner.js';

const count = (docs: Iterable<unknown>): number => [...docs].length;

describe('embedded store query planner', function () {
  let collection: Collection;
  const ids: ObjectId[] = [];

  before(function () {
    collection = new Catalog().ensureCollection('trade', 'documents');
    collection.createIndex({ v: 2, key: { reference: 1 }, name: 'reference_1', unique: true });
    collection.createIndex({ v: 2, key: { enterpriseId: 1, lodgedAt: -1 }, name: 'enterpriseId_1_lodgedAt_-1' });
    collection.createIndex({ v: 2, key: { 'parties.taxId': 1 }, name: 'parties.taxId_1' });
    for (let n = 0; n < 5000; n++) {
      const doc = collection.insert({
        reference: `REF-${n}`,
        enterpriseId: `ENT-${n % 50}`,
        lodgedAt: new Date(n * 1000),
        parties: [
          { role: 'exporter', taxId: `TAX-${n % 100}` },
          { role: 'importer', taxId: 'TAX-IMPORTER' },
        ],
      });
      ids.push(doc._id as ObjectId);
    }
  });

  it('reads only the document named by an _id equality', function () {
    expect(count(candidateDocuments(collection, { _id: ids[1234] }))).to.equal(1);
    expect(count(candidateDocuments(collection, { _id: { $in: [ids[1], ids[2], ids[1]] } }))).to.equal(2);
  });

  it('reads only the indexed matches of a unique field, a compound prefix and a multikey path', function () {
    expect(count(candidateDocuments(collection, { reference: 'REF-42', status: 'ANY' }))).to.equal(1);
    expect(count(candidateDocuments(collection, { enterpriseId: 'ENT-7' }))).to.equal(100);
    expect(count(candidateDocuments(collection, { 'parties.taxId': 'TAX-3' }))).to.equal(50);
    expect(count(candidateDocuments(collection, { $and: [{ reference: { $eq: 'REF-9' } }, { enterpriseId: 'ENT-9' }] }))).to.equal(1);
  });

  it('falls back to a scan when no equality can use an index, with the same answer', function () {
    expect(count(candidateDocuments(collection, { reference: { $regex: '^REF-42$' } }))).to.equal(5000);
    expect(matchingList(collection, { reference: { $regex: '^REF-42$' } })).to.have.length(1);
  });

  it('returns the same matches through an index as mingo finds by scanning', function () {
    const viaIndex = matchingList(collection, { enterpriseId: 'ENT-7', lodgedAt: { $gte: new Date(2_000_000) } });
    const viaScan = matchingList(collection, { $expr: { $eq: ['$enterpriseId', 'ENT-7'] }, lodgedAt: { $gte: new Date(2_000_000) } });
    expect(viaIndex.map((doc) => doc.reference)).to.deep.equal(viaScan.map((doc) => doc.reference));
    expect(viaIndex).to.have.length(60);
  });
});
