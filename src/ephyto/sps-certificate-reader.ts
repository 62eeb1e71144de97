import { DomainError } from '../kernel/errors/domain-error.js';
import type { ForeignXmlFormat, FormatWarning } from '../kernel/foreign-xml-format.js';
import { parseUntrustedXml, type XmlLimits } from '../xml/safe-xml-parser.js';
import { decodeSpsCertificate } from './sps-certificate-decoder.js';
import { SPS_CERTIFICATE_NS } from './sps-namespaces.js';
import type { SpsSchemaValidator } from './sps-schema-validator.js';

/** The first start tag, past the XML declaration, comments and processing instructions. */
const SPS_ROOT = /^\s*(?:<\?[^]*?\?>\s*|<!--[^]*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?SPSCertificate[\s>/]/;

export interface SpsReading {
  data: Record<string, unknown>;
  /** Deviations from the D17A schema that did not stop the certificate being read. */
  warnings: FormatWarning[];
  signed: boolean;
}

/**
 * Reads an SPSCertificate from an untrusted source: the intake's hardened parser
 * first, then the D17A schema, then the decoder. Schema deviations are warnings
 * (the hub's DeliveredWithWarnings); whether the result is usable is for the
 * canonical schema to say.
 */
export class SpsCertificateReader implements ForeignXmlFormat {
  constructor(
    private readonly validator: SpsSchemaValidator,
    private readonly limits: XmlLimits,
  ) {}

  recognises(xml: string): boolean {
    return SPS_ROOT.test(xml.slice(0, 4096));
  }

  read(xml: string): SpsReading & { type: 'phytosanitary-certificate' } {
    const parsed = parseUntrustedXml(xml, this.limits);
    if (parsed.root !== 'SPSCertificate' || parsed.namespace !== SPS_CERTIFICATE_NS) {
      throw new DomainError('EPHYTO.NOT_A_CERTIFICATE', `An ePhyto must be an SPSCertificate in the namespace ${SPS_CERTIFICATE_NS}`, {
        details: { root: parsed.root, namespace: parsed.namespace ?? null },
      });
    }
    const verdict = this.validator.validate(xml);
    const warnings = verdict.problems.map((problem) => ({ message: problem.message, ...(problem.path ? { path: problem.path } : {}) }));
    if (verdict.signed)
      warnings.push({
        message: 'The appended XML signature was set aside for schema validation; it is not verified by the single window',
        path: '/rsm:SPSCertificate/ds:Signature',
      });
    return { type: 'phytosanitary-certificate', data: decodeSpsCertificate(parsed.content), warnings, signed: verdict.signed };
  }
}
