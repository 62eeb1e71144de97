import type { DocumentType } from './document-record.js';

/** Something a receiving system can still read, reported beside an accepted document. */
export interface FormatWarning {
  message: string;
  /** Where in the XML, in the format's own terms. */
  path?: string;
}

/**
 * An XML format of a document type other than the single window's own, which
 * intake accepts as it stands (the UN/CEFACT SPS certificate of an NPPO's ePhyto system).
 */
export interface ForeignXmlFormat {
  /** Whether the XML text's root element is this format's. */
  recognises(xml: string): boolean;
  /** The canonical document; throws a DomainError when the XML cannot be read at all. */
  read(xml: string): { type: DocumentType; data: Record<string, unknown>; warnings: FormatWarning[] };
}
