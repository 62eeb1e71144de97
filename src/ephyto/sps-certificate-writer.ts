import { encodeSpsCertificate } from './sps-certificate-encoder.js';
import type { SpsSchemaValidator } from './sps-schema-validator.js';

/**
 * Writes the SPSCertificate of a canonical certificate and checks it against
 * D17A before it leaves: a certificate the codec cannot write validly is a bug
 * to see at once, never something to send to an NPPO.
 */
export class SpsCertificateWriter {
  constructor(private readonly validator: SpsSchemaValidator) {}

  write(data: Record<string, unknown>): string {
    const xml = encodeSpsCertificate(data);
    const verdict = this.validator.validate(xml);
    if (!verdict.valid) {
      throw new Error(
        `The SPSCertificate written for ${String(data.certificateNumber)} does not validate against D17A: ${verdict.problems.map((problem) => problem.message).join('; ')}`,
      );
    }
    return xml;
  }
}
