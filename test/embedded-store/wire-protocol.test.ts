import { expect } from 'chai';
import { BSON, Double, Int32, type Document } from 'bson';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/platform/embedded-store/embedded-store.js';
import { crc32c } from '../../src/platform/embedded-store/wire/crc32c.js';
import { eventually } from './support/target-store.js';
import { RawWireClient, type Reply } from './support/raw-wire-client.js';

function firstBatchAsSent(reply: Reply): Document[] {
  return (BSON.deserialize(reply.bytes, { promoteValues: false }).cursor as { firstBatch: Document[] }).firstBatch;
}

describe('embedded store wire protocol', function () {
  let store: EmbeddedStore;
  let client: RawWireClient;

  before(async function () {
    store = await startEmbeddedStore({});
  });

  after(async function () {
    await store.close();
  });

  beforeEach(async function () {
    client = await RawWireClient.open(store.port);
  });

  afterEach(function () {
    client.close();
  });

  it('answers a legacy OP_QUERY isMaster with an OP_REPLY describing a standalone', async function () {
    const requestId = client.sendQuery('admin.$cmd', { isMaster: 1, helloOk: true });
    const reply = await client.next();
    expect(reply.opCode).to.equal(1);
    expect(reply.responseTo).to.equal(requestId);
    expect(reply.document).to.include({ ismaster: true, ok: 1, maxWireVersion: 21, minWireVersion: 0, maxWriteBatchSize: 100_000 });
    expect(reply.document).to.not.have.property('setName');
    expect(reply.document).to.not.have.property('compression');
  });

  it('refuses other commands sent as OP_QUERY, as mongod 5.1+ does', async function () {
    client.sendQuery('trade.$cmd', { find: 'documents' });
    const reply = await client.next();
    expect(reply.document).to.include({ ok: 0, code: 352 });
  });

  it('folds kind-1 document sequences into the command', async function () {
    client.sendMsg(
      { insert: 'certificates', $db: 'wire' },
      {
        sequences: {
          documents: [
            { formType: 'ATIGA-D', serial: 'VN-2024-1' },
            { formType: 'ATIGA-D', serial: 'VN-2024-2' },
          ],
        },
      },
    );
    expect((await client.next()).document).to.include({ n: 2, ok: 1 });
    client.sendMsg({ count: 'certificates', query: { formType: 'ATIGA-D' }, $db: 'wire' });
    expect((await client.next()).document).to.include({ n: 2, ok: 1 });
  });

  it('sends a document inserted through a sequence back with its own BSON types, whole and picked', async function () {
    client.sendMsg(
      { insert: 'invoices', $db: 'wire' },
      { sequences: { documents: [{ _id: 'inv-1', total: new Double(1500), lines: new Int32(3) }] } },
    );
    expect((await client.next()).document).to.include({ ok: 1 });
    client.sendMsg({ find: 'invoices', filter: { _id: 'inv-1' }, $db: 'wire' });
    const [whole] = firstBatchAsSent(await client.next());
    expect(whole!.total).to.be.instanceOf(Double);
    expect(whole!.lines).to.be.instanceOf(Int32);
    client.sendMsg({
      aggregate: 'invoices',
      pipeline: [{ $match: { _id: 'inv-1' } }, { $replaceRoot: { newRoot: { total: '$total' } } }],
      cursor: {},
      $db: 'wire',
    });
    const [picked] = firstBatchAsSent(await client.next());
    expect(picked).to.deep.equal({ total: new Double(1500) });
  });

  it('computes CRC-32C (Castagnoli) as the OP_MSG checksum specifies', function () {
    expect(crc32c(Buffer.from('123456789'))).to.equal(0xe3069283);
  });

  it('accepts a message with a valid CRC-32C checksum', async function () {
    client.sendMsg({ ping: 1, $db: 'admin' }, { checksum: 'valid' });
    expect((await client.next()).document).to.include({ ok: 1 });
  });

  it('drops the connection on a checksum mismatch', async function () {
    client.sendMsg({ ping: 1, $db: 'admin' }, { checksum: 'corrupt' });
    expect(await eventually(() => Promise.resolve(client.closed), 5000, 10)).to.equal(true);
  });

  it('sends no reply to a moreToCome message but applies it', async function () {
    client.sendMsg({ insert: 'receipts', documents: [{ messageId: 'msg-1' }], $db: 'wire' }, { moreToCome: true });
    const pingId = client.sendMsg({ count: 'receipts', $db: 'wire' });
    const reply = await client.next();
    expect(reply.responseTo).to.equal(pingId);
    expect(reply.document).to.include({ n: 1, ok: 1 });
  });

  it('rejects a command without $db', async function () {
    client.sendMsg({ ping: 1 });
    expect((await client.next()).document).to.include({ ok: 0, code: 40571 });
  });

  it('rejects transaction fields with IllegalOperation', async function () {
    client.sendMsg({ find: 'documents', txnNumber: 1, startTransaction: true, autocommit: false, $db: 'wire' });
    expect((await client.next()).document).to.include({ ok: 0, code: 20, codeName: 'IllegalOperation' });
  });

  it('refuses an option it does not implement instead of ignoring it', async function () {
    client.sendMsg({ find: 'documents', filter: {}, collation: { locale: 'vi' }, $db: 'wire' });
    expect((await client.next()).document).to.include({ ok: 0, code: 2 });
    client.sendMsg({ find: 'documents', filtre: {}, $db: 'wire' });
    expect((await client.next()).document).to.include({ ok: 0, code: 40415 });
  });
});
