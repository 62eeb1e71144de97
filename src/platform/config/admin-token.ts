import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';

/**
 * ADMIN_TOKEN when set; on the embedded default, a token generated once and kept
 * in DATA_DIR (printed only the time it is made). Against a real MongoDB an unset
 * ADMIN_TOKEN is a configuration error: production secrets come from outside.
 */
export async function resolveAdminToken(config: Config, print: (line: string) => void): Promise<string> {
  if (config.adminToken) return config.adminToken;
  if (config.mongodbUri) throw new Error('ADMIN_TOKEN: must be set when MONGODB_URI points at a real MongoDB');
  if (config.storeFsync === 'memory') {
    const token = randomBytes(24).toString('base64url');
    print(`Generated ADMIN_TOKEN for this run (in-memory store, not kept): ${token}`);
    return token;
  }
  const file = path.resolve(config.dataDir, 'admin-token');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(24).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  print(`Generated ADMIN_TOKEN (kept in ${file}): ${token}`);
  return token;
}
