import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { DocumentType } from '../../kernel/document-record.js';

/** Canonical document data <-> one partner payload element. */
export interface PayloadCodec {
  /** Local name of the payload's root element, e.g. `ACDD`. */
  root: string;
  /** The payload's own namespace when it is a published format (the SPSCertificate); else the profile's. */
  namespace?: string;
  /** Appends the payload element, in its namespace, to `parent`. */
  encode(data: Record<string, unknown>, parent: XMLBuilder): void;
  /**
   * The canonical data of a payload element already checked against the profile's
   * schema. `content` is the element as the untrusted-XML parser reads it.
   */
  decode(content: unknown): Record<string, unknown>;
}

/**
 * A partner message format: a folder under src/partners/profiles/ holding its
 * element maps and `<name>-profile.ts`. Its JSON Schema, generated from the maps by
 * scripts/write-profile-schemas.ts, is schemas/partners/profiles/<name>.schema.json.
 */
export interface PartnerProfile {
  name: string;
  description: string;
  namespace: string;
  codecs: Partial<Record<DocumentType, PayloadCodec>>;
}
