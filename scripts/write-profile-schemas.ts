import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENT_TYPES } from '../src/kernel/document-record.js';
import { ProfileRegistry } from '../src/partners/profiles/profile-registry.js';
import { profileSchema } from '../src/partners/profiles/profile-schema.js';
import { schemasDir } from '../src/platform/project-root.js';

/** The profile schemas as generated from the element maps, by file name. */
export async function generateProfileSchemas(): Promise<Map<string, string>> {
  const canonical = Object.fromEntries(
    DOCUMENT_TYPES.map((type) => [
      type,
      JSON.parse(readFileSync(path.join(schemasDir, type, 'v1.json'), 'utf8')) as Record<string, unknown>,
    ]),
  );
  const registry = ProfileRegistry.standard();
  const files = new Map<string, string>();
  for (const name of registry.names()) {
    files.set(
      path.join(schemasDir, 'partners', 'profiles', `${name}.schema.json`),
      `${JSON.stringify(profileSchema(registry.find(name)!, canonical), null, 2)}\n`,
    );
  }
  return files;
}

// Run directly (`node --import tsx scripts/write-profile-schemas.ts`) after changing an element map.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, text] of await generateProfileSchemas()) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
}
