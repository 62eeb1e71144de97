import type { ElementMap } from '../element-map.js';
import { amount, group, leaf, list, measure, packaging, wcoParty } from '../common-elements.js';

const additionalDocument: ElementMap[] = [
  leaf('CategoryCode', 'category'),
  leaf('ID', 'referenceNumber'),
  leaf('IssuingAgencyCode', 'issuingAgency'),
  leaf('IssueDate', 'issueDate'),
  leaf('ExpiryDate', 'expiryDate'),
  leaf('Name', 'description'),
];

/**
 * ASEAN Customs Declaration Document (ACDD), exchanged through the ASEAN Single
 * Window; element names follow the WCO Data Model (Declaration, GoodsShipment,
 * GovernmentAgencyGoodsItem, BorderTransportMeans, ...).
 */
export const acddMap: ElementMap[] = [
  leaf('FunctionalReferenceID', 'localReferenceNumber'),
  leaf('TypeCode', 'declarationType'),
  leaf('GovernmentProcedureCode', 'procedureCode'),
  leaf('IssueDate', 'declarationDate'),
  wcoParty('Declarant', 'declarant'),
  group('DeclarationOffice', 'customsOffice', [leaf('ID', 'code'), leaf('Name', 'name')]),
  leaf('AdditionalInformation', 'remarks'),
  group('GoodsShipment', undefined, [
    wcoParty('Exporter', 'exporter'),
    wcoParty('Importer', 'importer'),
    wcoParty('Consignor', 'consignor'),
    wcoParty('Consignee', 'consignee'),
    group('Consignment', 'transport', [
      group('BorderTransportMeans', undefined, [
        leaf('ModeCode', 'modeCode', 'integer'),
        leaf('ID', 'meansOfTransport.identification'),
        leaf('Name', 'meansOfTransport.name'),
        leaf('RegistrationNationalityCode', 'meansOfTransport.nationality'),
        leaf('JourneyID', 'voyageNumber'),
      ]),
      group('LoadingLocation', 'departure', [leaf('ID', 'location'), leaf('DepartureDate', 'date')]),
      group('UnloadingLocation', 'arrival', [leaf('ID', 'location'), leaf('ArrivalDate', 'date')]),
      list('TransportEquipments', 'containers', { element: 'TransportEquipmentID', kind: 'text' }, 999),
    ]),
    group('Invoice', 'invoice', [leaf('ID', 'number'), leaf('IssueDate', 'date'), amount('InvoiceAmount', 'amount', 'currency')]),
    group('TradeTerms', 'tradeTerms', [leaf('ConditionCode', 'incoterm'), leaf('LocationName', 'place')]),
    leaf('CurrencyExchangeRate', 'exchangeRate', 'decimal'),
    group('Totals', 'totals', [
      leaf('TotalGoodsItemQuantity', 'itemCount', 'integer'),
      leaf('TotalPackageQuantity', 'packageCount', 'integer'),
      leaf('TotalGrossMassMeasure', 'grossMass', 'decimal'),
      leaf('TotalInvoiceAmount', 'invoiceAmount', 'decimal'),
    ]),
    list(
      'GovernmentAgencyGoodsItems',
      'goodsItems',
      {
        element: 'GovernmentAgencyGoodsItem',
        children: [
          leaf('SequenceNumeric', 'sequenceNumber', 'integer'),
          group('Commodity', undefined, [leaf('TariffClassificationCode', 'hsCode'), leaf('Description', 'description')]),
          leaf('OriginCountryCode', 'originCountry'),
          group('GoodsMeasure', undefined, [
            measure('TariffQuantity', 'quantity'),
            leaf('NetNetWeightMeasure', 'netMass', 'decimal'),
            leaf('GrossMassMeasure', 'grossMass', 'decimal'),
          ]),
          packaging('Packaging', 'packages'),
          leaf('ItemChargeAmount', 'invoiceAmount', 'decimal'),
          leaf('CustomsValueAmount', 'customsValue', 'decimal'),
          list('AdditionalDocuments', 'additionalDocuments', { element: 'AdditionalDocument', children: additionalDocument }, 99),
        ],
      },
      1000,
    ),
    list('AdditionalDocuments', 'additionalDocuments', { element: 'AdditionalDocument', children: additionalDocument }, 99),
    list(
      'PreviousDocuments',
      'previousDocuments',
      { element: 'PreviousDocument', children: [leaf('TypeCode', 'type'), leaf('ID', 'reference')] },
      99,
    ),
  ]),
];
