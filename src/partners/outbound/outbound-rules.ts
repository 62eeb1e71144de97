import type { DocumentType, TradeDocument } from '../../kernel/document-record.js';
import { documentFacts } from '../../routing/document-facts.js';
import type { Partner } from '../directory/partner.js';
import type { ProfileRegistry } from '../profiles/profile-registry.js';
import { exchangesOf } from './partner-exchange.js';

/**
 * Which approved documents go to a partner: those of these types, lodged by an
 * enterprise here (not received from a partner), whose procedure is an export and
 * whose destination is an enabled partner registered to receive the type, in a
 * profile that carries it.
 */
const OUTBOUND_RULES: readonly { type: DocumentType; procedure: 'EXPORT' }[] = [
  { type: 'customs-declaration', procedure: 'EXPORT' },
  { type: 'certificate-of-origin', procedure: 'EXPORT' },
  { type: 'phytosanitary-certificate', procedure: 'EXPORT' },
];

export function outboundPartner(
  document: Pick<TradeDocument, 'type' | 'data' | 'origin' | 'partnerExchanges'>,
  findPartner: (country: string) => Partner | undefined,
  profiles: ProfileRegistry,
  homeCountry: string,
): Partner | undefined {
  if (document.origin.channel !== 'enterprise') return undefined;
  const facts = documentFacts(document, homeCountry);
  const rule = OUTBOUND_RULES.find((candidate) => candidate.type === document.type && candidate.procedure === facts.procedure);
  if (!rule || !facts.destinationCountry || facts.destinationCountry === homeCountry) return undefined;
  const partner = findPartner(facts.destinationCountry);
  if (!partner?.enabled || !partner.receives.includes(document.type) || !profiles.codec(partner.profile, document.type)) return undefined;
  if (exchangesOf(document).some((exchange) => exchange.country === partner.country)) return undefined;
  return partner;
}
