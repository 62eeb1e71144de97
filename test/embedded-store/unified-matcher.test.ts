import { expect } from 'chai';
import { Int32, Long, ObjectId } from 'mongodb';
import { assertDocumentsMatch, assertMatches, MatchError } from './unified/unified-matcher.js';

const matches = (expected: unknown, actual: unknown, root = true) => {
  try {
    assertMatches(expected, actual, root);
    return true;
  } catch (error) {
    if (error instanceof MatchError) return false;
    throw error;
  }
};

/** The unified runner's matching rules, so that a passing CRUD test means what it says. */
describe('unified test format: matching an expectation', function () {
  it('lets a root-level document hold more fields, and no nested one', function () {
    expect(matches({ matchedCount: 1 }, { matchedCount: 1, acknowledged: true })).to.equal(true);
    expect(matches({ x: { y: 1 } }, { x: { y: 1, z: 1 } })).to.equal(false);
    expect(matches({ x: 1, y: 1 }, { x: 1 })).to.equal(false);
  });

  it('matches numbers across int32, int64 and double, and nothing else across types', function () {
    expect(matches(new Int32(1), 1)).to.equal(true);
    expect(matches(Long.fromNumber(2), 2)).to.equal(true);
    expect(matches(new Int32(1), 1.5)).to.equal(false);
    expect(matches('1', 1)).to.equal(false);
    const id = new ObjectId();
    expect(matches(id, new ObjectId(id.toHexString()))).to.equal(true);
    expect(matches(id, id.toHexString())).to.equal(false);
  });

  it('requires arrays of the same length, element by element', function () {
    expect(matches([1, 2], [1, 2])).to.equal(true);
    expect(matches([1, 2], [1, 2, 3])).to.equal(false);
    expect(matches([{ x: 1 }], [{ x: 1, y: 2 }]), "a distinct result's documents are not root-level").to.equal(false);
    expect(() => assertDocumentsMatch([{ x: 1 }], [{ x: 1, y: 2 }]), "a find result's documents are").to.not.throw();
  });

  it('$$exists, $$unsetOrMatches and $$type stand for a field or a value', function () {
    expect(matches({ upsertedId: { $$exists: false } }, { matchedCount: 1 })).to.equal(true);
    expect(matches({ upsertedId: { $$exists: false } }, { upsertedId: 3 })).to.equal(false);
    expect(matches({ insertedId: { $$unsetOrMatches: 2 } }, {})).to.equal(true);
    expect(matches({ insertedId: { $$unsetOrMatches: 2 } }, { insertedId: 3 })).to.equal(false);
    expect(matches({ $$unsetOrMatches: { insertedId: 2 } }, undefined)).to.equal(true);
    expect(matches({ _id: { $$type: 'objectId' } }, { _id: new ObjectId() })).to.equal(true);
    expect(matches({ _id: { $$type: ['int', 'long'] } }, { _id: 'CD-1' })).to.equal(false);
  });

  it('refuses an operator it does not know rather than passing it', function () {
    expect(() => assertMatches({ $$matchesEntity: 'x' }, 1, true)).to.throw(MatchError, /does not support/);
  });
});
