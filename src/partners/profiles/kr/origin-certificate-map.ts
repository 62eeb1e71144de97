import type { ElementMap } from '../element-map.js';
import { group, leaf, list } from '../common-elements.js';

const party = (element: string, path: string): ElementMap =>
  group(element, path, [
    leaf('CompanyName', 'name'),
    leaf('BusinessRegistrationNo', 'taxId'),
    leaf('AddressLine', 'address.street'),
    leaf('CityName', 'address.city'),
    leaf('ProvinceName', 'address.subdivision'),
    leaf('ZipCode', 'address.postcode'),
    leaf('CountryCode', 'address.country'),
    leaf('ContactName', 'contact.name'),
    leaf('TelNo', 'contact.phone'),
    leaf('Email', 'contact.email'),
  ]);

/**
 * Certificate of origin data as exchanged with the Korea Customs Service's
 * electronic origin data exchange (AKFTA Form AK and VKFTA Form VK): a flatter
 * record layout than the ASEAN e-Form D, with boolean indicators as Y/N flags
 * kept as XML booleans here.
 */
export const koreaOriginCertificateMap: ElementMap[] = [
  group('CoHeader', undefined, [
    leaf('CoNo', 'referenceNumber'),
    leaf('FtaFormCode', 'formType'),
    leaf('IssueDate', 'issueDate'),
    leaf('ExportCountryCode', 'exportingCountry'),
    leaf('ImportCountryCode', 'importingCountry'),
    leaf('IssuingAgencyName', 'issuingAuthority.name'),
    leaf('IssuingAgencyCountryCode', 'issuingAuthority.country'),
    leaf('IssuingOfficeCode', 'issuingAuthority.officeCode'),
    leaf('ThirdCountryInvoiceYn', 'flags.thirdCountryInvoicing', 'boolean'),
    leaf('ExhibitionYn', 'flags.exhibition', 'boolean'),
    leaf('BackToBackYn', 'flags.backToBack', 'boolean'),
    leaf('RetroactiveIssueYn', 'flags.issuedRetroactively', 'boolean'),
    leaf('DeMinimisYn', 'flags.deMinimis', 'boolean'),
    leaf('AccumulationYn', 'flags.accumulation', 'boolean'),
    leaf('PartialCumulationYn', 'flags.partialCumulation', 'boolean'),
    leaf('Remark', 'remarks'),
  ]),
  party('Exporter', 'exporter'),
  party('Consignee', 'consignee'),
  party('Producer', 'producer'),
  group('Transport', 'transport', [
    leaf('DepartureDate', 'departureDate'),
    leaf('TransportTypeCode', 'modeCode', 'integer'),
    leaf('VesselFlightName', 'meansOfTransport'),
    leaf('LoadingPortCode', 'portOfLoading'),
    leaf('DischargePortCode', 'portOfDischarge'),
    list('TransitCountryList', 'transitCountries', { element: 'TransitCountryCode', kind: 'text' }, 10),
  ]),
  group('ThirdCountryInvoice', 'thirdCountryInvoice', [leaf('OperatorName', 'issuerName'), leaf('CountryCode', 'country')]),
  group('Exhibition', 'exhibitionDetails', [
    leaf('ExhibitionName', 'name'),
    leaf('ExhibitionPlace', 'place'),
    leaf('CountryCode', 'country'),
  ]),
  list(
    'CoItemList',
    'items',
    {
      element: 'CoItem',
      children: [
        leaf('ItemSeqNo', 'itemNumber', 'integer'),
        leaf('MarksNo', 'marksAndNumbers'),
        leaf('PackageCount', 'packages.count', 'integer'),
        leaf('PackageTypeCode', 'packages.kind'),
        leaf('PackageMarks', 'packages.marks'),
        leaf('ItemDescription', 'description'),
        leaf('HsCode', 'hsCode'),
        leaf('OriginCriterion', 'originCriterion'),
        leaf('RvcRate', 'rvcPercentage', 'decimal'),
        leaf('Quantity', 'quantity.value', 'decimal'),
        leaf('QuantityUnitCode', 'quantity.unit'),
        leaf('GrossWeight', 'grossWeight', 'decimal'),
        leaf('FobAmount', 'fobValue.amount', 'decimal'),
        leaf('FobCurrencyCode', 'fobValue.currency'),
        leaf('InvoiceNo', 'invoiceNumber'),
        leaf('InvoiceDate', 'invoiceDate'),
      ],
    },
    200,
  ),
];
