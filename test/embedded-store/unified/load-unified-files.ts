import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BSON } from 'mongodb';
import type { UnifiedFile } from './unified-format.js';

/** The highest schema version this runner knows; a newer file is refused, as the format asks. */
const SUPPORTED_SCHEMA = [1, 21];

export interface LoadedFile {
  readonly name: string;
  readonly file: UnifiedFile;
}

/**
 * Canonical extended JSON keeps what the authors wrote: 1 is an int32, 1.5 a double,
 * {$numberLong} a Long, as the server should receive them.
 */
export function loadUnifiedFiles(dir: string): LoadedFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== 'refused.json')
    .sort()
    .map((name) => ({ name, file: BSON.EJSON.parse(readFileSync(join(dir, name), 'utf8'), { relaxed: false }) as UnifiedFile }));
}

export function schemaSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major === SUPPORTED_SCHEMA[0] && minor <= SUPPORTED_SCHEMA[1]!;
}
