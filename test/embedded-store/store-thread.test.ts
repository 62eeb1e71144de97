import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { startEmbeddedStore, type Logger } from '../../src/platform/embedded-store/embedded-store.js';

interface Line {
  level: string;
  message: string;
  meta?: Record<string, unknown>;
}

function collectingLogger(lines: Line[]): Logger {
  const add = (level: string) => (message: string, meta?: Record<string, unknown>) =>
    lines.push({ level, message, ...(meta ? { meta } : {}) });
  return { info: add('info'), warn: add('warn'), error: add('error') };
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('embedded store on its own thread', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'embedded-store-thread-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("passes the store's log lines to the caller's logger", async function () {
    const lines: Line[] = [];
    const store = await startEmbeddedStore({ dbPath: join(dir, 'store'), logger: collectingLogger(lines) });
    await store.close();
    expect(lines).to.deep.include({
      level: 'info',
      message: 'embedded store: listening',
      meta: { host: '127.0.0.1', port: store.port, dbPath: join(dir, 'store') },
    });
  });

  it("rejects a start that fails in the store's thread with that failure's message and code", async function () {
    const notADirectory = join(dir, 'receipts.csv');
    await writeFile(notADirectory, 'AS4-1,KR,ACKNOWLEDGED\n');
    const error = await startEmbeddedStore({ dbPath: notADirectory }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as NodeJS.ErrnoException).code).to.equal('EEXIST');
    expect((error as Error).message).to.include(notADirectory);
  });

  it('answers acknowledged writes after a restart, and stops listening once closed', async function () {
    const first = await startEmbeddedStore({ dbPath: dir });
    const client = await MongoClient.connect(first.uri);
    await client
      .db('gateway')
      .collection('receipts')
      .insertOne({ _id: 'AS4-7' as never, partner: 'NZ', status: 'ACKNOWLEDGED' });
    await client.close();
    await first.close();
    await first.close();
    expect(await refusesConnections(first.port)).to.equal(true);

    const second = await startEmbeddedStore({ dbPath: dir });
    const reader = await MongoClient.connect(second.uri);
    try {
      expect(
        await reader
          .db('gateway')
          .collection('receipts')
          .findOne({ _id: 'AS4-7' as never }),
      ).to.deep.equal({ _id: 'AS4-7', partner: 'NZ', status: 'ACKNOWLEDGED' });
    } finally {
      await reader.close();
      await second.close();
    }
  });
});
