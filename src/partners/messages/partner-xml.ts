import { DomainError } from '../../kernel/errors/domain-error.js';
import { parseUntrustedXml, type ParsedXml, type XmlLimits } from '../../xml/safe-xml-parser.js';
import { PartnerMessageError } from './partner-message-error.js';

/** Parses partner XML with the intake's untrusted-input settings; refusals become MALFORMED. */
export function parsePartnerXml(text: string, limits: XmlLimits): ParsedXml {
  try {
    return parseUntrustedXml(text, limits);
  } catch (error) {
    if (error instanceof DomainError) throw new PartnerMessageError('MALFORMED', error.message);
    throw error;
  }
}
