import { expect } from 'chai';
import { BSON, Decimal128, ObjectId } from 'bson';
import { encodeKeyValue, indexKeysOf } from '../../src/platform/embedded-store/engine/index-keys.js';
import { CommandError } from '../../src/platform/embedded-store/errors/command-error.js';

const roundTrip = <T>(value: T): T => BSON.deserialize(BSON.serialize({ v: value }), { promoteBuffers: false }).v as T;

describe('embedded store index keys', function () {
  it('gives every distinct ObjectId, as decoded off the wire, its own key', function () {
    const keys = new Set<string>();
    for (let n = 0; n < 20_000; n++) keys.add(encodeKeyValue(roundTrip(new ObjectId(n.toString(16).padStart(24, '0')))));
    expect(keys.size).to.equal(20_000);
  });

  it('encodes values MongoDB finds equal alike, and different BSON types apart', function () {
    const id = new ObjectId();
    expect(encodeKeyValue(roundTrip(id))).to.equal(encodeKeyValue(id));
    expect(encodeKeyValue(1)).to.equal(encodeKeyValue(roundTrip(1.0)));
    expect(encodeKeyValue(0)).to.equal(encodeKeyValue(-0));
    expect(encodeKeyValue(id)).to.not.equal(encodeKeyValue(id.toHexString()));
    expect(encodeKeyValue('1')).to.not.equal(encodeKeyValue(1));
    expect(encodeKeyValue(new Date(5))).to.not.equal(encodeKeyValue(5));
    expect(encodeKeyValue(Decimal128.fromString('9.99'))).to.equal(encodeKeyValue(roundTrip(Decimal128.fromString('9.99'))));
    expect(encodeKeyValue({ a: 1, b: 2 })).to.not.equal(encodeKeyValue({ b: 2, a: 1 }));
  });

  it('cannot forge a compound key boundary with a string value', function () {
    const fields = [['a'], ['b']];
    const [left] = indexKeysOf({ a: 'x:1:y', b: 'z' }, fields)!;
    const [right] = indexKeysOf({ a: 'x', b: '1:y:z' }, fields)!;
    expect(left!.encoded).to.not.equal(right!.encoded);
  });

  it('indexes each array element, through dotted paths, once per distinct value', function () {
    const keys = indexKeysOf({ items: [{ hsCode: '100630' }, { hsCode: '090111' }, { hsCode: '100630' }] }, [['items', 'hsCode']])!;
    expect(keys.map((key) => key.values[0])).to.deep.equal(['100630', '090111']);
  });

  it('reports a missing field as undefined (for sparse indexes) and null values as present', function () {
    expect(indexKeysOf({ other: 1 }, [['email']])).to.equal(undefined);
    expect(indexKeysOf({ email: null }, [['email']])).to.have.length(1);
  });

  it('refuses a compound key over two arrays, like MongoDB', function () {
    expect(() => indexKeysOf({ a: [1, 2], b: [3, 4] }, [['a'], ['b']]))
      .to.throw(CommandError)
      .with.property('code', 171);
  });
});
