import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Party, PhytosanitaryCertificate } from './phytosanitary-certificate.js';
import { ISSUED_STATUS_CODE, PHYTOSANITARY_TYPE_CODE, RAM_NS, SPS_CERTIFICATE_NS, UDT_NS } from './sps-namespaces.js';
import { NOTE_SUBJECTS } from './sps-note-subjects.js';
import { writeTradeLineItem } from './sps-trade-line-encoder.js';
import { SpsWriter } from './sps-writer.js';

/**
 * The canonical phytosanitary certificate as a UN/CEFACT SPSCertificate D17A, in
 * the element order the schema requires (docs/ephyto.md has the mapping).
 */
export function encodeSpsCertificate(data: Record<string, unknown>): string {
  const certificate = data as unknown as PhytosanitaryCertificate;
  const root = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(SPS_CERTIFICATE_NS, 'rsm:SPSCertificate')
    .att('xmlns:ram', RAM_NS)
    .att('xmlns:udt', UDT_NS);
  const w = new SpsWriter(certificate.language);
  writeExchangedDocument(w, root.ele(SPS_CERTIFICATE_NS, 'rsm:SPSExchangedDocument'), certificate);
  writeConsignment(w, root.ele(SPS_CERTIFICATE_NS, 'rsm:SPSConsignment'), certificate);
  return root.end({ prettyPrint: false });
}

function writeExchangedDocument(w: SpsWriter, doc: XMLBuilder, certificate: PhytosanitaryCertificate): void {
  w.code(doc, 'ID', certificate.certificateNumber);
  w.code(doc, 'TypeCode', PHYTOSANITARY_TYPE_CODE);
  w.code(doc, 'StatusCode', certificate.statusCode ?? ISSUED_STATUS_CODE);
  w.dateTime(doc, 'IssueDateTime', certificate.issueDate);
  w.text(w.ele(doc, 'IssuerSPSParty'), 'Name', certificate.exportingNppo.name);
  for (const declaration of certificate.additionalDeclarations ?? [])
    w.note(doc, 'IncludedSPSNote', NOTE_SUBJECTS.additionalDeclaration, declaration);
  for (const note of certificate.notes ?? []) w.note(doc, 'IncludedSPSNote', note.subject, note.content);
  const signatory = w.ele(doc, 'SignatorySPSAuthentication');
  w.text(w.ele(signatory, 'IssueSPSLocation'), 'Name', certificate.placeOfIssue);
  if (certificate.authorisedOfficer)
    w.text(w.ele(w.ele(signatory, 'ProviderSPSParty'), 'SpecifiedSPSPerson'), 'Name', certificate.authorisedOfficer.name);
  for (const clause of certificate.certifyingClauses ?? []) w.code(w.ele(signatory, 'IncludedSPSClause'), 'ID', clause);
}

function writeConsignment(w: SpsWriter, consignment: XMLBuilder, certificate: PhytosanitaryCertificate): void {
  writeParty(w, w.ele(consignment, 'ConsignorSPSParty'), certificate.consignor);
  writeParty(w, w.ele(consignment, 'ConsigneeSPSParty'), certificate.consignee);
  w.code(w.ele(consignment, 'ExportSPSCountry'), 'ID', certificate.exportingNppo.country);
  w.code(w.ele(consignment, 'ImportSPSCountry'), 'ID', certificate.importingNppo.country);
  for (const country of certificate.transitCountries ?? []) w.code(w.ele(consignment, 'TransitSPSCountry'), 'ID', country);
  if (certificate.pointOfEntry) {
    const unloading = w.ele(consignment, 'UnloadingBaseportSPSLocation');
    w.code(unloading, 'ID', certificate.pointOfEntry.location);
    w.text(unloading, 'Name', certificate.pointOfEntry.name);
  }
  // An ePhyto must name where the consignment was examined; the NPPO examines where it issues unless told otherwise.
  w.text(
    w.ele(w.ele(consignment, 'ExaminationSPSEvent'), 'OccurrenceSPSLocation'),
    'Name',
    certificate.placeOfInspection ?? certificate.placeOfIssue,
  );
  const conveyance = certificate.meansOfConveyance;
  if (conveyance) {
    const movement = w.ele(consignment, 'MainCarriageSPSTransportMovement');
    w.code(movement, 'ID', conveyance.movementId);
    w.code(movement, 'ModeCode', conveyance.mode);
    if (conveyance.identification !== undefined) w.text(w.ele(movement, 'UsedSPSTransportMeans'), 'Name', conveyance.identification);
  }
  const item = w.ele(consignment, 'IncludedSPSConsignmentItem');
  certificate.commodities.forEach((commodity, index) => writeTradeLineItem(w, item, commodity, index + 1, certificate.treatments ?? []));
}

function writeParty(w: SpsWriter, element: XMLBuilder, party: Party): void {
  w.code(element, 'ID', party.taxId, { schemeID: party.taxIdScheme });
  w.text(element, 'Name', party.name);
  const address = party.address;
  if (address) {
    const specified = w.ele(element, 'SpecifiedSPSAddress');
    w.code(specified, 'PostcodeCode', address.postcode);
    const lines = [address.street, ...(address.additionalLines ?? [])];
    ['LineOne', 'LineTwo', 'LineThree', 'LineFour', 'LineFive'].forEach((name, index) => w.text(specified, name, lines[index]));
    w.text(specified, 'CityName', address.city);
    w.code(specified, 'CountryID', address.country);
    w.text(specified, 'CountrySubDivisionName', address.subdivision);
  }
  if (party.contact) w.text(w.ele(element, 'DefinedSPSContact'), 'PersonName', party.contact.name);
}
