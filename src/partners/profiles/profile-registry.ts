import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { DocumentType } from '../../kernel/document-record.js';
import type { PartnerProfile, PayloadCodec } from './partner-profile.js';

/** connectors/partners/ beside src/, whether this runs from the sources or from dist/. */
const PROFILES_DIR = fileURLToPath(new URL('../../../connectors/partners/', import.meta.url));

/**
 * The partner message formats, one folder each under connectors/partners/: adding
 * a profile is adding a folder (with its schema in schemas/partners/profiles/).
 */
export class ProfileRegistry {
  private readonly byName: Map<string, PartnerProfile>;

  constructor(profiles: PartnerProfile[]) {
    this.byName = new Map(profiles.map((profile) => [profile.name, profile]));
  }

  static async load(dir = PROFILES_DIR): Promise<ProfileRegistry> {
    const folders = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    const profiles: PartnerProfile[] = [];
    for (const folder of folders) {
      const file = ['profile.ts', 'profile.js'].map((name) => path.join(dir, folder, name)).find((candidate) => existsSync(candidate));
      if (!file) continue;
      const { profile } = (await import(pathToFileURL(file).href)) as { profile?: PartnerProfile };
      if (!profile || profile.name !== folder) throw new Error(`${file} must export a profile named "${folder}"`);
      profiles.push(profile);
    }
    return new ProfileRegistry(profiles);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  find(name: string): PartnerProfile | undefined {
    return this.byName.get(name);
  }

  codec(name: string, type: DocumentType): PayloadCodec | undefined {
    return this.byName.get(name)?.codecs[type];
  }

  /** The document type whose payload element is `root` in the profile. */
  typeOfRoot(name: string, root: string): DocumentType | undefined {
    const codecs = this.byName.get(name)?.codecs ?? {};
    return (Object.entries(codecs) as [DocumentType, PayloadCodec][]).find(([, codec]) => codec.root === root)?.[0];
  }
}
