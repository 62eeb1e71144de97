import { open } from 'node:fs/promises';
import { join } from 'node:path';

/** sun_path holds 108 bytes on Linux and 104 on macOS, with its terminating NUL. */
const MAX_SOCKET_PATH_BYTES = 103;
const LONGEST_NAME = `store-lock-${'9'.repeat(7)}-${'f'.repeat(16)}.sock`;

export interface LockSocketAddresses {
  /** The path to bind or connect to for a socket of that name in the data directory. */
  pathOf(name: string): string;
  close(): Promise<void>;
}

/**
 * A socket path longer than sun_path would be cut short silently by libuv, binding some
 * other name. On Linux a long directory is reached through an open descriptor of it
 * (/proc/self/fd/N/name resolves to the directory itself), which any directory fits.
 */
export async function lockSocketAddresses(dir: string): Promise<LockSocketAddresses> {
  if (Buffer.byteLength(join(dir, LONGEST_NAME)) <= MAX_SOCKET_PATH_BYTES) {
    return { pathOf: (name) => join(dir, name), close: () => Promise.resolve() };
  }
  if (process.platform !== 'linux') {
    throw new Error(
      `data directory ${dir} is too long a path for the store's lock socket (at most ${MAX_SOCKET_PATH_BYTES - LONGEST_NAME.length - 1} bytes here)`,
    );
  }
  const handle = await open(dir, 'r');
  return { pathOf: (name) => `/proc/self/fd/${handle.fd}/${name}`, close: () => handle.close() };
}
