import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { requireTestAmqpUrl } from '../support/rabbitmq-vhost.js';

interface Started {
  child: ChildProcess;
  /** The embedded store's URI, from the service's "embedded store started" line. */
  storeUri: string;
}

/** Runs `npm start`'s command on `dataDir` and resolves once the service says it started. */
function startService(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', AMQP_URL: requireTestAmqpUrl(), DATA_DIR: dataDir, STORE_FSYNC: 'always' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let storeUri: string | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (line.includes('"embedded store started"')) storeUri = (JSON.parse(line) as { uri: string }).uri;
        if (line.includes('"service started"') && storeUri) resolve({ child, storeUri });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the service exited (code ${String(code)}) before it started:\n${output}`)));
  });
}

async function withStore<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(uri);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

describe('the service on its data directory after a crash', function () {
  this.timeout(120_000);
  let dataDir: string;
  let running: ChildProcess | undefined;

  beforeEach(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'sw-service-restart-'));
  });

  afterEach(async function () {
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = once(running, 'exit');
      running.kill('SIGKILL');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a SIGKILLed service restarted at once on the same DATA_DIR starts, with what it had stored', async function () {
    const first = await startService(dataDir);
    running = first.child;
    await withStore(first.storeUri, (client) =>
      client.db('single-window').collection<{ _id: string }>('restart_markers').insertOne({ _id: 'before-the-crash' }),
    );
    const exited = once(first.child, 'exit');
    first.child.kill('SIGKILL');
    await exited;

    const second = await startService(dataDir);
    running = second.child;
    const marker = await withStore(second.storeUri, (client) =>
      client.db('single-window').collection<{ _id: string }>('restart_markers').findOne({ _id: 'before-the-crash' }),
    );
    expect(marker).to.deep.equal({ _id: 'before-the-crash' });
  });
});
