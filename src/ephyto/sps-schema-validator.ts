import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ParseOption, XmlDocument, XmlValidateError, XsdValidator, type XmlElement } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { projectRoot } from '../platform/project-root.js';
import { RAM_NS, SPS_CERTIFICATE_NS, UDT_NS, XMLDSIG_NS } from './sps-namespaces.js';

/** The vendored UN/CEFACT schemas (schemas/standards/ephyto/PROVENANCE.md). */
const XSD_ROOT = path.join(projectRoot, 'schemas/standards/ephyto/xsd/data/standard');

export interface SchemaProblem {
  message: string;
  line?: number;
  /** Where libxml2 found it, e.g. /rsm:SPSCertificate/rsm:SPSConsignment/ram:ExportSPSCountry. */
  path?: string;
}

export interface SchemaVerdict {
  valid: boolean;
  problems: SchemaProblem[];
  /** An enveloped XML-DSig signature was appended to the root, and set aside before validating. */
  signed: boolean;
}

/**
 * Validates SPSCertificate and SPSAcknowledgement documents against the D17A
 * schemas with libxml2 (compiled once, as a process-wide validator). Network
 * access and entity expansion stay off; DOCTYPEs were refused by the intake parser before.
 */
export class SpsSchemaValidator {
  private static registered = false;
  private readonly validators = new Map<string, XsdValidator>();

  validate(xml: string, schema: 'SPSCertificate' | 'SPSAcknowledgement' = 'SPSCertificate'): SchemaVerdict {
    const validator = this.validator(schema);
    let doc: XmlDocument;
    try {
      doc = XmlDocument.fromString(xml, { option: ParseOption.XML_PARSE_NONET });
    } catch (error) {
      return { valid: false, signed: false, problems: [{ message: error instanceof Error ? error.message.trim() : String(error) }] };
    }
    try {
      const signed = removeSignatures(doc.root);
      try {
        validator.validate(doc);
        return { valid: true, problems: [], signed };
      } catch (error) {
        if (!(error instanceof XmlValidateError)) throw error;
        return {
          valid: false,
          signed,
          problems: error.details.map((detail) => ({
            message: withPrefixes(detail.message.trim()),
            line: detail.line,
            path: detail.xpath,
          })),
        };
      }
    } finally {
      doc.dispose();
    }
  }

  private validator(schema: string): XsdValidator {
    const existing = this.validators.get(schema);
    if (existing) return existing;
    if (!SpsSchemaValidator.registered) SpsSchemaValidator.registered = xmlRegisterFsInputProviders() || true;
    const file = path.join(XSD_ROOT, `${schema}_17p0.xsd`);
    const xsd = XmlDocument.fromString(readFileSync(file, 'utf8'), { url: pathToFileURL(file).href, option: ParseOption.XML_PARSE_NONET });
    const validator = XsdValidator.fromDoc(xsd);
    xsd.dispose();
    this.validators.set(schema, validator);
    return validator;
  }
}

/** Real certificates may carry their signature as the root's last child, which the D17A schema does not allow. */
function removeSignatures(root: XmlElement): boolean {
  const signatures = root.find('./ds:Signature', { ds: XMLDSIG_NS });
  for (const signature of signatures) signature.remove();
  return signatures.length > 0;
}

const PREFIXES: Record<string, string> = { [SPS_CERTIFICATE_NS]: 'rsm', [RAM_NS]: 'ram', [UDT_NS]: 'udt' };

/** libxml names elements `{namespace}Name`; the prefixes certificates use keep a message short enough to be read whole. */
function withPrefixes(message: string): string {
  return message.replace(/\{([^}]+)\}/g, (whole, namespace: string) => (PREFIXES[namespace] ? `${PREFIXES[namespace]}:` : whole));
}
