import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/platform/embedded-store/embedded-store.js';
import { startEmbeddedStoreInThread } from '../../src/platform/embedded-store/in-thread-store.js';

const HOLDER = fileURLToPath(new URL('./fixtures/store-holder.ts', import.meta.url));

/** A store in a process of its own, holding `dir` once it has printed READY. */
function startHolder(dir: string): Promise<ChildProcess> {
  return ready(spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { stdio: ['ignore', 'pipe', 'pipe'] }));
}

/**
 * The same, under a parent that never reaps it (a shell that became `sleep`), as a
 * supervisor that has not yet collected its dead child: killed, the store stays a zombie.
 * Resolves with the parent and the store's own process id.
 */
async function startUnreapedHolder(dir: string): Promise<{ parent: ChildProcess; pid: number }> {
  const script = `"${process.execPath}" --import tsx "${HOLDER}" "${dir}" & exec sleep 600`;
  const parent = await ready(spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] }));
  return { parent, pid: Number(/READY (\d+)/.exec(parent.output)![1]) };
}

function ready(child: ChildProcess): Promise<ChildProcess & { output: string }> {
  const withOutput = Object.assign(child, { output: '' });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      withOutput.output += chunk.toString();
      if (/READY \d+\n/.test(withOutput.output)) resolve(withOutput);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the holder exited (code ${String(code)}) before it was ready:\n${withOutput.output}`)));
  });
}

/** Polls /proc until the process is dead but not reaped. */
async function zombie(pid: number): Promise<void> {
  for (;;) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return;
    await sleep(10);
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

async function holderIds(store: EmbeddedStore): Promise<string[]> {
  const client = await MongoClient.connect(store.uri);
  try {
    const holders = await client.db('lock').collection<{ _id: string }>('holders').find().toArray();
    return holders.map((doc) => doc._id);
  } finally {
    await client.close();
  }
}

const lockSockets = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('store-lock-'));

describe('embedded store data-directory lock', function () {
  this.timeout(60_000);
  let dir: string;
  const children: ChildProcess[] = [];

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'embedded-store-lock-'));
  });

  afterEach(async function () {
    await Promise.all(children.splice(0).map(kill));
    await rm(dir, { recursive: true, force: true });
  });

  it('a store SIGKILLed and restarted at once on its data directory starts, with its data, while the dead one is still a zombie', async function () {
    const { parent, pid } = await startUnreapedHolder(dir);
    children.push(parent);
    process.kill(pid, 'SIGKILL');
    await zombie(pid);

    const store = await startEmbeddedStore({ dbPath: dir });
    try {
      expect(await holderIds(store)).to.deep.equal([`held-by-${pid}`]);
    } finally {
      await store.close();
    }
  });

  it('a second live store on the same data directory is refused, naming the process that holds it', async function () {
    const holder = await startHolder(dir);
    children.push(holder);

    const error = await startEmbeddedStore({ dbPath: dir }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.contain(`data directory ${dir} is in use by process ${holder.pid}`);
    expect((error as Error & { code?: string }).code).to.equal('EMBEDDED_STORE.DATA_DIRECTORY_IN_USE');
    expect(await lockSockets(dir), "the refused store leaves only the holder's lock").to.have.length(1);
  });

  it('a lock left by a crash and naming a process id now in use by live processes does not block the start', async function () {
    const holder = await startHolder(dir);
    children.push(holder);
    await kill(holder);
    // After a container restart the crashed holder's id belongs to someone else: here to
    // this very process (the new store's own) and to its parent.
    const [stale] = await lockSockets(dir);
    const token = /-([0-9a-f]{16})\.sock$/.exec(stale!)![1]!;
    await rename(join(dir, stale!), join(dir, `store-lock-${process.pid}-${token}.sock`));
    await writeFile(join(dir, 'store.lock'), String(process.ppid));

    const store = await startEmbeddedStore({ dbPath: dir });
    try {
      expect(await holderIds(store)).to.deep.equal([`held-by-${holder.pid}`]);
      const sockets = await lockSockets(dir);
      expect(sockets, 'the stale lock was removed').to.have.length(1);
      expect(sockets[0]).to.not.contain(token);
    } finally {
      await store.close();
    }
    expect(await lockSockets(dir), 'a closed store lets go of its lock').to.deep.equal([]);
  });

  it('of stores starting together on one data directory, one holds it and the others are refused', async function () {
    const starts = await Promise.allSettled(Array.from({ length: 6 }, () => startEmbeddedStoreInThread({ dbPath: dir })));
    const started = starts.filter((start) => start.status === 'fulfilled').map((start) => start.value);
    const refusals = starts.filter((start) => start.status === 'rejected').map((start) => (start.reason as { code?: string }).code);
    await Promise.all(started.map((store) => store.close()));
    expect(started).to.have.length(1);
    expect(refusals).to.deep.equal(Array(5).fill('EMBEDDED_STORE.DATA_DIRECTORY_IN_USE'));
  });

  it('a data directory whose path is longer than a socket address holds and refuses as any other', async function () {
    const deep = join(dir, 'a-directory-name-long-enough-that-the-lock-socket-path-passes-the-unix-socket-limit');
    await mkdir(deep);
    const first = await startEmbeddedStore({ dbPath: deep });
    try {
      const error = await startEmbeddedStore({ dbPath: deep }).catch((e: unknown) => e);
      expect((error as Error).message).to.contain(`data directory ${deep} is in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    const again = await startEmbeddedStore({ dbPath: deep });
    await again.close();
  });
});
