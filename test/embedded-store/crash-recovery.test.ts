import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { startEmbeddedStore } from '../../src/platform/embedded-store/embedded-store.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const KILL_AFTER_INSERTS = 1500;

interface Acknowledged {
  inserted: string[];
  updated: string[];
}

/** Runs the writer until it has acknowledged enough writes, then SIGKILLs it mid-stream. */
function runAndKill(dir: string): Promise<Acknowledged> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: Acknowledged = { inserted: [], updated: [] };
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('I ')) acknowledged.inserted.push(line.slice(2));
        else if (line.startsWith('U ')) acknowledged.updated.push(line.slice(2));
      }
      if (acknowledged.inserted.length >= KILL_AFTER_INSERTS && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`crash writer exited on its own (code ${String(code)}): ${stderr}`));
    });
  });
}

describe('embedded store crash recovery', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'embedded-store-crash-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('every write acknowledged before a SIGKILL is there after restart', async function () {
    this.timeout(120_000);
    const acknowledged = await runAndKill(dir);
    expect(acknowledged.inserted.length).to.be.greaterThanOrEqual(KILL_AFTER_INSERTS);

    const store = await startEmbeddedStore({ dbPath: dir });
    const client = await MongoClient.connect(store.uri);
    try {
      const declarations = client.db('crash').collection<{ _id: string; amended?: boolean }>('declarations');
      const stored = new Map((await declarations.find({}, { projection: { amended: 1 } }).toArray()).map((doc) => [doc._id, doc]));
      const missing = acknowledged.inserted.filter((id) => !stored.has(id));
      expect(missing, 'acknowledged inserts missing after recovery').to.deep.equal([]);
      const notAmended = acknowledged.updated.filter((id) => stored.get(id)?.amended !== true);
      expect(notAmended, 'acknowledged updates missing after recovery').to.deep.equal([]);
      // The unique index came back too: the recovered store still enforces it.
      const duplicate = await declarations.insertOne({ _id: 'dup', writer: 0, seq: 0 } as never).catch((e: unknown) => e);
      expect((duplicate as { code?: number }).code).to.equal(11000);
    } finally {
      await client.close();
      await store.close();
    }
  });
});
