import type { Note, Party, PhytosanitaryCertificate, Treatment } from './phytosanitary-certificate.js';
import { ISSUED_STATUS_CODE } from './sps-namespaces.js';
import { attribute, child, children, compact, dateOf, text } from './sps-nodes.js';
import { NOTE_SUBJECTS } from './sps-note-subjects.js';
import { readNote } from './sps-note-reader.js';
import { readTradeLineItem } from './sps-trade-line-decoder.js';

/**
 * The canonical phytosanitary certificate of an SPSCertificate element's content
 * (the untrusted-XML parser's compact form). Element order does not matter here;
 * the XSD validator reports it. The canonical JSON Schema then judges the result.
 */
export function decodeSpsCertificate(content: unknown): Record<string, unknown> {
  const doc = child(content, 'SPSExchangedDocument');
  const consignment = child(content, 'SPSConsignment');
  const signatory = child(doc, 'SignatorySPSAuthentication');
  const notes = children(doc, 'IncludedSPSNote')
    .map(readNote)
    .filter((note): note is Note => note !== undefined);
  const placeOfIssue = text(child(signatory, 'IssueSPSLocation'), 'Name');
  const placeOfInspection = text(child(child(consignment, 'ExaminationSPSEvent'), 'OccurrenceSPSLocation'), 'Name');
  const status = text(doc, 'StatusCode');
  const lines = children(child(consignment, 'IncludedSPSConsignmentItem'), 'IncludedSPSTradeLineItem').map(readTradeLineItem);
  const shared = sharedTreatments(lines.map((line) => line.treatments ?? []));
  const commodities = lines.map((line) => {
    const own = (line.treatments ?? []).slice(shared.length);
    return compact({ ...line, treatments: own });
  });
  const movement = child(consignment, 'MainCarriageSPSTransportMovement');
  const unloading = child(consignment, 'UnloadingBaseportSPSLocation');
  const officer = text(child(child(signatory, 'ProviderSPSParty'), 'SpecifiedSPSPerson'), 'Name');
  const certificate = compact({
    certificateNumber: text(doc, 'ID'),
    statusCode: status === ISSUED_STATUS_CODE ? undefined : status,
    language: languageOf(doc, consignment),
    issueDate: dateOf(child(doc, 'IssueDateTime')),
    placeOfIssue,
    authorisedOfficer: officer === undefined ? undefined : { name: officer },
    certifyingClauses: children(signatory, 'IncludedSPSClause')
      .map((clause) => text(clause, 'ID'))
      .filter((id) => id !== undefined),
    exportingNppo: compact({
      country: text(child(consignment, 'ExportSPSCountry'), 'ID'),
      name: text(child(doc, 'IssuerSPSParty'), 'Name'),
    }),
    importingNppo: compact({ country: text(child(consignment, 'ImportSPSCountry'), 'ID') }),
    consignor: readParty(child(consignment, 'ConsignorSPSParty')),
    consignee: readParty(child(consignment, 'ConsigneeSPSParty')),
    placeOfInspection: placeOfInspection === placeOfIssue ? undefined : placeOfInspection,
    commodities,
    treatments: shared,
    additionalDeclarations: notes.filter((note) => note.subject === NOTE_SUBJECTS.additionalDeclaration).map((note) => note.content),
    notes: notes.filter((note) => note.subject !== NOTE_SUBJECTS.additionalDeclaration),
    transitCountries: children(consignment, 'TransitSPSCountry')
      .map((country) => text(country, 'ID'))
      .filter((id) => id !== undefined),
    meansOfConveyance:
      movement === undefined
        ? undefined
        : compact({
            mode: text(movement, 'ModeCode'),
            identification: text(child(movement, 'UsedSPSTransportMeans'), 'Name'),
            movementId: text(movement, 'ID'),
          }),
    pointOfEntry: unloading === undefined ? undefined : compact({ location: text(unloading, 'ID'), name: text(unloading, 'Name') }),
  } satisfies Partial<Record<keyof PhytosanitaryCertificate, unknown>>);
  return certificate;
}

function readParty(node: unknown): Party | undefined {
  if (node === undefined) return undefined;
  const address = child(node, 'SpecifiedSPSAddress');
  const lines = ['LineTwo', 'LineThree', 'LineFour', 'LineFive'].map((name) => text(address, name)).filter((line) => line !== undefined);
  const contact = text(child(node, 'DefinedSPSContact'), 'PersonName');
  return compact({
    name: text(node, 'Name'),
    taxId: text(node, 'ID'),
    taxIdScheme: attribute(child(node, 'ID'), 'schemeID'),
    address:
      address === undefined
        ? undefined
        : compact({
            street: text(address, 'LineOne'),
            additionalLines: lines,
            city: text(address, 'CityName'),
            subdivision: text(address, 'CountrySubDivisionName'),
            postcode: text(address, 'PostcodeCode'),
            country: text(address, 'CountryID'),
          }),
    contact: contact === undefined ? undefined : { name: contact },
  }) as Party;
}

/** The treatments every line starts with are the certificate's (the encoder writes them on each line). */
function sharedTreatments(perLine: Treatment[][]): Treatment[] {
  const [first, ...rest] = perLine;
  if (!first) return [];
  let count = 0;
  while (count < first.length && rest.every((line) => JSON.stringify(line[count]) === JSON.stringify(first[count]))) count++;
  return first.slice(0, count);
}

function languageOf(doc: unknown, consignment: unknown): string | undefined {
  const line = child(child(consignment, 'IncludedSPSConsignmentItem'), 'IncludedSPSTradeLineItem');
  return attribute(child(child(doc, 'IssuerSPSParty'), 'Name'), 'languageID') ?? attribute(child(line, 'Description'), 'languageID');
}
