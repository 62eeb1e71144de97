import type { ElementMap } from '../element-map.js';
import { amount, group, leaf, list } from '../common-elements.js';

const organization = (element: string, path: string): ElementMap =>
  group(element, path, [
    leaf('OrganizationName', 'name'),
    leaf('TaxpayerID', 'taxId'),
    group('SubjectAddressDetails', 'address', [
      leaf('StreetHouse', 'street'),
      leaf('City', 'city'),
      leaf('Region', 'subdivision'),
      leaf('PostalCode', 'postcode'),
      leaf('CountryCode', 'country'),
    ]),
    group('CommunicationDetails', 'contact', [leaf('PersonName', 'name'), leaf('Phone', 'phone'), leaf('E_mail', 'email')]),
  ]);

const presentedDocument = (element: string): { element: string; children: ElementMap[] } => ({
  element,
  children: [
    leaf('DocumentCategory', 'category'),
    leaf('PrDocumentNumber', 'referenceNumber'),
    leaf('IssuingAuthority', 'issuingAgency'),
    leaf('PrDocumentDate', 'issueDate'),
    leaf('DocumentExpiryDate', 'expiryDate'),
    leaf('PrDocumentName', 'description'),
  ],
});

/**
 * An export goods declaration for the Eurasian Economic Union's integrated
 * information system, with the names of the EAEU electronic declaration
 * (ESADout_CU: goods shipment, consignor/consignee, goods with TN VED codes,
 * presented documents).
 */
export const exportDeclarationMap: ElementMap[] = [
  leaf('DocumentID', 'localReferenceNumber'),
  leaf('ESADout_CUDirection', 'declarationType'),
  leaf('CustomsProcedureCode', 'procedureCode'),
  leaf('DeclarationDate', 'declarationDate'),
  group('ESADout_CUDeclarant', undefined, [organization('Declarant', 'declarant')]),
  group('ESADCustomsOffice', 'customsOffice', [leaf('Code', 'code'), leaf('OfficeName', 'name')]),
  group('ESADout_CUGoodsShipment', undefined, [
    organization('ESADout_CUConsignor', 'exporter'),
    organization('ESADout_CUConsignee', 'importer'),
    organization('ESADout_CUShipper', 'consignor'),
    organization('ESADout_CUReceiver', 'consignee'),
    group('ESADout_CUMainContractTerms', undefined, [
      group('ContractCurrency', 'invoice', [
        leaf('InvoiceNumber', 'number'),
        leaf('InvoiceDate', 'date'),
        amount('TotalInvoiceAmount', 'amount', 'currency'),
      ]),
      group('DeliveryTerms', 'tradeTerms', [leaf('DeliveryTermsStringCode', 'incoterm'), leaf('DeliveryPlace', 'place')]),
      leaf('ContractCurrencyRate', 'exchangeRate', 'decimal'),
    ]),
    group('ESADout_CUConsigment', 'transport', [
      leaf('TransportModeCode', 'modeCode', 'integer'),
      group('BorderCustomsTransport', 'meansOfTransport', [
        leaf('TransportIdentifier', 'identification'),
        leaf('TransportMeansName', 'name'),
        leaf('NationalityCode', 'nationality'),
      ]),
      leaf('VoyageNumber', 'voyageNumber'),
      group('DeparturePlace', 'departure', [leaf('LOCODE', 'location'), leaf('DepartureDate', 'date')]),
      group('DestinationPlace', 'arrival', [leaf('LOCODE', 'location'), leaf('ArrivalDate', 'date')]),
      list('ContainerList', 'containers', { element: 'ContainerIdentificaror', kind: 'text' }, 999),
    ]),
    group('TotalDetails', 'totals', [
      leaf('TotalGoodsNumber', 'itemCount', 'integer'),
      leaf('TotalPackageNumber', 'packageCount', 'integer'),
      leaf('TotalGrossWeightQuantity', 'grossMass', 'decimal'),
      leaf('TotalCustCost', 'invoiceAmount', 'decimal'),
    ]),
    list(
      'GoodsList',
      'goodsItems',
      {
        element: 'ESADout_CUGoods',
        children: [
          leaf('GoodsNumeric', 'sequenceNumber', 'integer'),
          leaf('GoodsTNVEDCode', 'hsCode'),
          leaf('GoodsDescription', 'description'),
          leaf('OriginCountryCode', 'originCountry'),
          group('SupplementaryGoodsQuantity', 'quantity', [
            leaf('GoodsQuantity', 'value', 'decimal'),
            leaf('MeasureUnitQualifierCode', 'unit'),
          ]),
          leaf('NetWeightQuantity', 'netMass', 'decimal'),
          leaf('GrossWeightQuantity', 'grossMass', 'decimal'),
          group('ESADGoodsPackaging', 'packages', [
            leaf('PakageQuantity', 'count', 'integer'),
            leaf('PackingCode', 'kind'),
            leaf('PackingMarks', 'marks'),
          ]),
          leaf('InvoicedCost', 'invoiceAmount', 'decimal'),
          leaf('CustomsCost', 'customsValue', 'decimal'),
          list('ESADout_CUPresentedDocuments', 'additionalDocuments', presentedDocument('ESADout_CUPresentedDocument'), 99),
        ],
      },
      1000,
    ),
    list('PresentedDocuments', 'additionalDocuments', presentedDocument('PresentedDocument'), 99),
    list(
      'PrecedingDocuments',
      'previousDocuments',
      { element: 'PrecedingDocument', children: [leaf('PrecedingDocumentModeCode', 'type'), leaf('PrecedingDocumentNumber', 'reference')] },
      99,
    ),
  ]),
  leaf('AdditionalInformation', 'remarks'),
];
