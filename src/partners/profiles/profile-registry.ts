import type { DocumentType } from '../../kernel/document-record.js';
import { aswProfile } from './asw/asw-profile.js';
import { eaeuProfile } from './eaeu/eaeu-profile.js';
import { krProfile } from './kr/kr-profile.js';
import { nzProfile } from './nz/nz-profile.js';
import type { PartnerProfile, PayloadCodec } from './partner-profile.js';

/** Every partner message format the gateway speaks; adding a profile is adding its folder and a line here. */
export const STANDARD_PROFILES: readonly PartnerProfile[] = [aswProfile, eaeuProfile, krProfile, nzProfile];

/** The partner message formats by name, and their codecs by document type. */
export class ProfileRegistry {
  private readonly byName: Map<string, PartnerProfile>;

  constructor(profiles: readonly PartnerProfile[]) {
    this.byName = new Map(profiles.map((profile) => [profile.name, profile]));
  }

  static standard(): ProfileRegistry {
    return new ProfileRegistry(STANDARD_PROFILES);
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
