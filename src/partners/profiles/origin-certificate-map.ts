import type { ElementMap } from './element-map.js';
import { amount, cefactParty, group, leaf, list, measure, packaging } from './common-elements.js';

/**
 * A preferential certificate of origin with UN/CEFACT names, after the ATIGA
 * e-Form D as the ASEAN Single Window carries it (box numbers in comments are the
 * paper form's). Profiles that carry another layout write their own map.
 */
export const originCertificateMap: ElementMap[] = [
  leaf('ReferenceID', 'referenceNumber'),
  leaf('FormTypeCode', 'formType'),
  leaf('IssueDate', 'issueDate'),
  leaf('ExportCountryID', 'exportingCountry'),
  leaf('ImportCountryID', 'importingCountry'),
  cefactParty('ExporterParty', 'exporter'), // box 1
  cefactParty('ConsigneeParty', 'consignee'), // box 2
  cefactParty('ProducerParty', 'producer'),
  group('IssuingAuthority', 'issuingAuthority', [leaf('Name', 'name'), leaf('CountryID', 'country'), leaf('OfficeID', 'officeCode')]),
  group('TransportMovement', 'transport', [
    // box 3
    leaf('DepartureDate', 'departureDate'),
    leaf('ModeCode', 'modeCode', 'integer'),
    leaf('UsedTransportMeansName', 'meansOfTransport'),
    leaf('LoadingPortID', 'portOfLoading'),
    leaf('UnloadingPortID', 'portOfDischarge'),
    list('TransitCountries', 'transitCountries', { element: 'CountryID', kind: 'text' }, 10),
  ]),
  list(
    'OriginItems',
    'items',
    {
      element: 'OriginItem',
      children: [
        leaf('SequenceNumeric', 'itemNumber', 'integer'), // box 5
        leaf('MarksNumbers', 'marksAndNumbers'), // box 6
        packaging('Packaging', 'packages'), // box 7
        leaf('Description', 'description'),
        leaf('HSCode', 'hsCode'),
        leaf('OriginCriterionCode', 'originCriterion'), // box 8
        leaf('RegionalValueContentPercent', 'rvcPercentage', 'decimal'),
        measure('Quantity', 'quantity'), // box 9
        leaf('GrossWeightMeasure', 'grossWeight', 'decimal'),
        amount('FOBValueAmount', 'fobValue.amount', 'fobValue.currency'),
        leaf('InvoiceID', 'invoiceNumber'), // box 10
        leaf('InvoiceDate', 'invoiceDate'),
      ],
    },
    200,
  ),
  group('Box13', 'flags', [
    leaf('ThirdCountryInvoicingIndicator', 'thirdCountryInvoicing', 'boolean'),
    leaf('ExhibitionIndicator', 'exhibition', 'boolean'),
    leaf('BackToBackIndicator', 'backToBack', 'boolean'),
    leaf('IssuedRetroactivelyIndicator', 'issuedRetroactively', 'boolean'),
    leaf('DeMinimisIndicator', 'deMinimis', 'boolean'),
    leaf('AccumulationIndicator', 'accumulation', 'boolean'),
    leaf('PartialCumulationIndicator', 'partialCumulation', 'boolean'),
  ]),
  group('ThirdCountryInvoice', 'thirdCountryInvoice', [leaf('IssuerName', 'issuerName'), leaf('CountryID', 'country')]),
  group('Exhibition', 'exhibitionDetails', [leaf('Name', 'name'), leaf('PlaceName', 'place'), leaf('CountryID', 'country')]),
  leaf('Remarks', 'remarks'),
];
