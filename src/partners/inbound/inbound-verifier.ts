import type { XmlLimits } from '../../xml/safe-xml-parser.js';
import type { PartnerDirectory } from '../directory/partner-directory.js';
import type { Partner } from '../directory/partner.js';
import { ENVELOPE_ROOT, PARTNER_NAMESPACE, type ReadEnvelope } from '../messages/envelope.js';
import { claimedSender, readEnvelope } from '../messages/envelope-reader.js';
import { parsePartnerXml } from '../messages/partner-xml.js';
import type { PartnerSchemas } from '../partner-schemas.js';
import { child, text } from '../profiles/parsed-xml.js';
import { SignatureError, verifyDocument } from '../signing/xml-signature.js';
import { PartnerMessageError } from '../messages/partner-message-error.js';

export interface VerifiedMessage {
  partner: Partner;
  envelope: ReadEnvelope;
}

/**
 * Establishes who sent a message and that it is for us: parsed with the
 * untrusted-input settings, signature checked against the sender's registered
 * certificate, and from then on only the signed content is read.
 */
export class InboundVerifier {
  constructor(
    private readonly directory: PartnerDirectory,
    private readonly schemas: PartnerSchemas,
    private readonly ownCountry: string,
    private readonly limits: XmlLimits,
  ) {}

  /** The message id an unverified message claims, to name it in a negative receipt. */
  static claimedMessageId(body: string, limits: XmlLimits): string | undefined {
    try {
      const id = text(child(parsePartnerXml(body, limits).content, 'Header'), 'MessageId');
      return id && /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/.test(id) ? id : undefined;
    } catch {
      return undefined;
    }
  }

  verify(country: string, body: string): VerifiedMessage {
    const parsed = parsePartnerXml(body, this.limits);
    if (parsed.root !== ENVELOPE_ROOT || parsed.namespace !== PARTNER_NAMESPACE) {
      throw new PartnerMessageError('MALFORMED', `the root element must be ${ENVELOPE_ROOT} in namespace ${PARTNER_NAMESPACE}`);
    }
    const sender = claimedSender(parsed.content);
    if (sender !== country)
      throw new PartnerMessageError('WRONG_SENDER', `the message says it is from ${sender ?? 'nobody'}, but was posted for ${country}`);
    const partner = this.directory.find(country);
    if (!partner || !partner.enabled || !partner.certificate) {
      throw new PartnerMessageError('UNKNOWN_PARTNER', `${country} is not an active partner with a registered certificate`);
    }
    let signed: string;
    try {
      signed = verifyDocument(body, partner.certificate);
    } catch (error) {
      if (error instanceof SignatureError) throw new PartnerMessageError(error.reason, error.message);
      throw error;
    }
    const envelope = readEnvelope(signed, this.schemas, this.limits);
    if (envelope.header.from !== country)
      throw new PartnerMessageError('WRONG_SENDER', `the signed header says it is from ${envelope.header.from}`);
    if (envelope.header.to !== this.ownCountry) {
      throw new PartnerMessageError('WRONG_RECIPIENT', `the message is addressed to ${envelope.header.to}, not to ${this.ownCountry}`);
    }
    return { partner, envelope };
  }
}
