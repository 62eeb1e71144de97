import type { ElementMap } from './element-map.js';
import { cefactParty, group, leaf, list, measure, packaging } from './common-elements.js';

/**
 * The UN/CEFACT SPS certificate (the IPPC ePhyto hub's payload): exchanged
 * document, consignment with its parties, countries, transport and trade line
 * items, treatments and additional declarations.
 */
export const spsCertificateMap: ElementMap[] = [
  group('SPSExchangedDocument', undefined, [
    leaf('ID', 'certificateNumber'),
    leaf('IssueDateTime', 'issueDate'),
    group('IssuerSPSParty', 'exportingNppo', [leaf('Name', 'name'), leaf('CountryID', 'country')]),
    leaf('IssueSPSLocationName', 'placeOfIssue'),
    leaf('InspectionDate', 'inspectionDate'),
    list('AdditionalDeclarations', 'additionalDeclarations', { element: 'IncludedSPSNote', kind: 'text' }, 20),
  ]),
  group('SPSConsignment', undefined, [
    cefactParty('ConsignorSPSParty', 'consignor'),
    cefactParty('ConsigneeSPSParty', 'consignee'),
    group('ImportSPSAuthority', 'importingNppo', [leaf('Name', 'name'), leaf('CountryID', 'country')]),
    group('UnloadingBaseportSPSLocation', 'pointOfEntry', [leaf('ID', 'location'), leaf('Name', 'name')]),
    group('MainCarriageSPSTransportMovement', 'meansOfConveyance', [leaf('ModeCode', 'mode'), leaf('UsedSPSTransportMeansName', 'identification')]),
    list(
      'IncludedSPSTradeLineItems',
      'commodities',
      {
        element: 'IncludedSPSTradeLineItem',
        children: [
          leaf('Description', 'description'),
          leaf('ScientificName', 'botanicalName'),
          leaf('CommonName', 'commonName'),
          leaf('ApplicableSPSClassificationCode', 'hsCode'),
          measure('NetWeightMeasure', 'quantity'),
          packaging('PhysicalSPSPackage', 'packages'),
          group('OriginSPSCountry', 'placeOfOrigin', [leaf('ID', 'country'), leaf('SubordinateSPSCountrySubDivisionName', 'region')]),
          leaf('PhysicalSPSShippingMarks', 'distinguishingMarks'),
        ],
      },
      200,
    ),
    list(
      'AppliedSPSProcesses',
      'treatments',
      {
        element: 'AppliedSPSProcess',
        children: [
          leaf('TypeCode', 'type'),
          leaf('ChemicalName', 'chemical'),
          measure('ConcentrationMeasure', 'concentration'),
          leaf('DurationHoursMeasure', 'durationHours', 'decimal'),
          leaf('TemperatureCelsiusMeasure', 'temperatureCelsius', 'decimal'),
          leaf('CompletionDate', 'date'),
          leaf('AdditionalInformation', 'additionalInformation'),
        ],
      },
      10,
    ),
  ]),
];
