import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenOn, probe, stopListening, type LockServer } from './lock-socket.js';
import { lockSocketAddresses } from './lock-socket-address.js';

const HOLDER = /^store-lock-(\d+)-[0-9a-f]{16}\.sock$/;
const FRESH = /^store-lock-new-[0-9a-f]{16}\.sock$/;
/** Two stores starting at the same instant see each other and both step back; they retry. */
const ATTEMPTS = 5;

export class DataDirectoryInUseError extends Error {
  override readonly name = 'DataDirectoryInUseError';
  readonly code = 'EMBEDDED_STORE.DATA_DIRECTORY_IN_USE';
}

/**
 * Two stores appending to the same journal would corrupt it, so a store holds its data
 * directory through a Unix socket listening in it. The kernel closes a process's sockets
 * as it dies, before it is even a zombie, so a holder is alive exactly when its socket
 * accepts a connection: a crash leaves a socket that refuses, and no process id is ever
 * trusted (a container restart hands out the same ids again).
 *
 * Each store listens on a socket of its own, made visible under its holder name only
 * once it accepts, and then looks at every other holder: any that answers means the
 * directory is taken. Of two stores, the later to appear always sees the earlier, so two
 * never both hold it; a socket that refuses is dead for good (names are never reused)
 * and is removed.
 */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const addresses = await lockSocketAddresses(dir);
  try {
    for (let attempt = 1; ; attempt++) {
      const own = await appear(dir, addresses.pathOf);
      const holders = own ? await liveHolders(dir, own.name, addresses.pathOf) : [];
      if (own && holders.length === 0) return () => release(dir, own);
      if (own) await release(dir, own);
      if (attempt === ATTEMPTS) throw inUse(dir, holders);
      await sleep(10 + Math.random() * 40 * attempt);
    }
  } finally {
    await addresses.close();
  }
}

interface Holding {
  readonly name: string;
  readonly server: LockServer;
}

/** Listens under a fresh name, then renames it into the holders' names: a holder never refuses. */
async function appear(dir: string, pathOf: (name: string) => string): Promise<Holding | undefined> {
  const token = randomBytes(8).toString('hex');
  const fresh = `store-lock-new-${token}.sock`;
  const name = `store-lock-${process.pid}-${token}.sock`;
  const server = await listenOn(pathOf(fresh)).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `cannot hold data directory ${dir}: its lock socket cannot listen there (${error.code ?? error.message}); the directory needs a file system that holds Unix sockets`,
      { cause: error },
    );
  });
  try {
    await rename(join(dir, fresh), join(dir, name));
    return { name, server };
  } catch (error) {
    await stopListening(server);
    // Another store took the fresh socket for a dead one before it listened: try again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function liveHolders(dir: string, ownName: string, pathOf: (name: string) => string): Promise<string[]> {
  const live: string[] = [];
  for (const name of await readdir(dir)) {
    if (name === ownName || !(HOLDER.test(name) || FRESH.test(name))) continue;
    const state = await probe(pathOf(name));
    if (state === 'dead') await unlink(join(dir, name)).catch(ignoreMissing);
    else if (state === 'alive' && HOLDER.test(name)) live.push(name);
  }
  return live;
}

async function release(dir: string, holding: Holding): Promise<void> {
  await stopListening(holding.server);
  await unlink(join(dir, holding.name)).catch(ignoreMissing);
}

function inUse(dir: string, holders: string[]): DataDirectoryInUseError {
  const pid = holders.map((name) => HOLDER.exec(name)?.[1]).find((found) => found !== undefined);
  const by = pid ? `process ${pid} (its lock socket ${holders[0]} answers)` : 'another store';
  return new DataDirectoryInUseError(`data directory ${dir} is in use by ${by}; stop it or use another directory`);
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
