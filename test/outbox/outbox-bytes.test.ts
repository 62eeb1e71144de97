import { expect } from 'chai';
import { BSON, Long, ObjectId } from 'bson';
import { readOutboxBytes } from '../../src/outbox/mongo/read-outbox-bytes.js';

const createdAt = new Date('2026-11-02T08:15:00.000Z');

function entry(messageId: string, body: string, extra: Record<string, unknown> = {}) {
  return {
    messageId,
    exchange: 'sw.agency',
    routingKey: 'MARD-NAFIQAD',
    type: 'customs-declaration',
    contentType: 'application/xml',
    body,
    headers: { 'x-document-reference': 'VNSW-2026-00000042', 'x-due-at': '2026-11-05T08:15:00.000Z', 'x-links': ['a', 'b'] },
    createdAt,
    state: 'PENDING',
    attempts: 2,
    leaseUntil: createdAt,
    ...extra,
  };
}

function stored(document: Record<string, unknown>): Buffer {
  return Buffer.from(BSON.serialize(document));
}

describe('reading a claimed outbox from its BSON', function () {
  it('keeps each body as the UTF-8 bytes stored and decodes the other fields as the driver would', function () {
    const xml = '<declarant><name>Công ty Thủy sản Mê Kông</name></declarant>';
    const events = JSON.stringify({ status: 'ROUTED', reason: 'Đã định tuyến' });
    const read = readOutboxBytes(
      stored({ _id: 'doc-1', outbox: [entry('m-1', xml), entry('m-2', events, { state: 'SENT', sentAt: createdAt })] }),
    );

    expect(read.documentId).to.equal('doc-1');
    expect(read.entries.map(({ body }) => body.toString('utf8'))).to.deep.equal([xml, events]);
    expect(read.entries[0]!.body.equals(Buffer.from(xml, 'utf8'))).to.equal(true);
    const { body: _xml, ...fields } = entry('m-1', xml);
    expect(read.entries[0]!.entry).to.deep.equal(fields);
    expect(read.entries[1]!.entry).to.deep.include({ messageId: 'm-2', state: 'SENT', sentAt: createdAt });
  });

  it('decodes dates before 1970, large attempt counts and fields it does not know by name exactly as BSON does', function () {
    const unusual = entry('m-6', 'x', {
      leaseUntil: new Date(-86_400_001),
      sentAt: new Date(8_640_000_000_000),
      attempts: 2 ** 40,
      lastError: 'Không có hàng đợi',
      note: 'Ghi chú',
    });
    const bytes = stored({ _id: 'doc-6', outbox: [unusual] });
    const { outbox } = BSON.deserialize(bytes) as { outbox: Record<string, unknown>[] };
    const { body: _x, ...expected } = outbox[0]!;
    expect(readOutboxBytes(bytes).entries[0]!.entry).to.deep.equal(expected);
  });

  it('reads an empty body and an empty outbox', function () {
    expect(readOutboxBytes(stored({ _id: 'doc-2', outbox: [] }))).to.deep.equal({ documentId: 'doc-2', entries: [] });
    const [only] = readOutboxBytes(stored({ _id: 'doc-3', outbox: [entry('m-3', '')] })).entries;
    expect(only!.body.length).to.equal(0);
  });

  it('falls back to a full decode for anything written otherwise, with the same result', function () {
    const odd = readOutboxBytes(
      stored({ _id: 'doc-4', outbox: [entry('m-4', 'payload', { attempts: Long.fromNumber(3), replayed: true })] }),
    );
    expect(odd.entries[0]!.body.toString('utf8')).to.equal('payload');
    expect(odd.entries[0]!.entry).to.deep.include({ messageId: 'm-4', replayed: true });

    const id = new ObjectId();
    const byObjectId = readOutboxBytes(stored({ _id: id, outbox: [entry('m-5', 'ok')] }));
    expect(byObjectId.documentId).to.equal(id.toHexString());
    expect(byObjectId.entries[0]!.body.toString('utf8')).to.equal('ok');
  });

  it('never lets a field named __proto__ change what an entry is', function () {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const [read] = readOutboxBytes(stored({ _id: 'doc-7', outbox: [{ ...entry('m-7', 'x'), ...hostile }] })).entries;
    expect(Object.getPrototypeOf(read!.entry)).to.equal(Object.prototype);
    expect((read!.entry as unknown as Record<string, unknown>).polluted).to.equal(undefined);
    expect(read!.entry.messageId).to.equal('m-7');
  });

  it('reads headers of strings as the driver would, and a header named __proto__ as a plain field', function () {
    const headers = {
      'x-sw-envelope': JSON.stringify({ reference: 'VNSW-2026-00000042', dueAt: '2026-11-05T08:15:00.000Z' }),
      'x-ghi-chú': 'Hải quan',
    };
    const [plain] = readOutboxBytes(stored({ _id: 'doc-9', outbox: [entry('m-9', 'x', { headers })] })).entries;
    expect(plain!.entry.headers).to.deep.equal(headers);

    const hostile = JSON.parse('{"__proto__": "polluted", "x-kind": "agency"}') as Record<string, unknown>;
    const [read] = readOutboxBytes(stored({ _id: 'doc-10', outbox: [entry('m-10', 'x', { headers: hostile })] })).entries;
    expect(Object.getPrototypeOf(read!.entry.headers)).to.equal(Object.prototype);
    expect(Object.keys(read!.entry.headers!)).to.deep.equal(['__proto__', 'x-kind']);
    expect(Object.getOwnPropertyDescriptor(read!.entry.headers, '__proto__')?.value).to.equal('polluted');
  });

  it('refuses corrupt bytes instead of walking past them', function () {
    const bytes = stored({ _id: 'doc-8', outbox: [entry('m-8', 'payload')] });
    // The body's length, made negative: its int32 sits after the type byte and "body\0".
    const corrupt = Buffer.from(bytes);
    corrupt.writeInt32LE(-40, corrupt.indexOf('body\0', 0, 'latin1') + 5);
    expect(() => readOutboxBytes(corrupt)).to.throw(/corrupt BSON/);
    expect(() => readOutboxBytes(bytes.subarray(0, bytes.length - 20))).to.throw();
  });
});
