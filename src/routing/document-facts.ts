import type { DocumentOrigin, DocumentType, TradeDocument } from '../kernel/document-record.js';
import { GOODS_FIELD } from '../kernel/contracts/document-types.js';

/** A goods item as routing sees it. */
export interface GoodsFact {
  /** Position in the document's goods list. */
  index: number;
  /** Digits only, e.g. `03038900`; empty when the item has none. */
  hsCode: string;
  originCountry?: string;
}

/** What routing rules look at, read from a document's data. */
export interface DocumentFacts {
  type: DocumentType;
  /** Lodged here by an enterprise, or received from a partner single window. */
  channel: DocumentOrigin['channel'];
  /** IMPORT or EXPORT, from this country's point of view. */
  procedure?: string;
  destinationCountry?: string;
  goods: GoodsFact[];
}

type Data = Record<string, unknown>;

export function documentFacts(document: Pick<TradeDocument, 'type' | 'data' | 'origin'>, homeCountry: string): DocumentFacts {
  const data = document.data;
  const channel = document.origin.channel;
  const goods = (origin: (item: Data) => unknown) =>
    listAt(data, GOODS_FIELD[document.type]).map((item, index) => ({
      index,
      hsCode: String(item.hsCode ?? '').replace(/\D/g, ''),
      ...optionalCountry(origin(item)),
    }));
  switch (document.type) {
    case 'customs-declaration':
      return {
        type: document.type,
        channel,
        procedure:
          channel === 'partner'
            ? partnerDeclarationProcedure(data, homeCountry)
            : { IM: 'IMPORT', EX: 'EXPORT' }[String(data.declarationType)],
        destinationCountry: text(at(data, 'importer', 'address', 'country')),
        goods: goods((item) => item.originCountry),
      };
    case 'certificate-of-origin':
      return {
        type: document.type,
        channel,
        procedure: data.exportingCountry === homeCountry ? 'EXPORT' : 'IMPORT',
        destinationCountry: text(data.importingCountry),
        goods: goods(() => data.exportingCountry),
      };
    case 'phytosanitary-certificate':
      return {
        type: document.type,
        channel,
        procedure: at(data, 'exportingNppo', 'country') === homeCountry ? 'EXPORT' : 'IMPORT',
        destinationCountry: text(at(data, 'importingNppo', 'country')),
        goods: goods((item) => at(item, 'placeOfOrigin', 'country')),
      };
    case 'licence-application': {
      const exporting = String(data.licenceKind).startsWith('EXPORT');
      return {
        type: document.type,
        channel,
        procedure: exporting ? 'EXPORT' : 'IMPORT',
        destinationCountry: exporting ? text(data.counterpartCountry) : homeCountry,
        goods: goods((item) => item.originCountry ?? (exporting ? homeCountry : data.counterpartCountry)),
      };
    }
  }
}

/** The document's data with only the given goods items (for agencies that see only their goods). */
export function withGoodsItems(document: Pick<TradeDocument, 'type' | 'data'>, indexes: readonly number[]): Data {
  const field = GOODS_FIELD[document.type];
  const items = listAt(document.data, field);
  return { ...document.data, [field]: indexes.map((index) => items[index]).filter((item) => item !== undefined) };
}

/**
 * A partner's declaration was lodged in the partner country, so its declaration type
 * is the partner's point of view (its export to us is our import): the parties' countries say ours.
 */
function partnerDeclarationProcedure(data: Data, homeCountry: string): string | undefined {
  if (at(data, 'importer', 'address', 'country') === homeCountry) return 'IMPORT';
  if (at(data, 'exporter', 'address', 'country') === homeCountry) return 'EXPORT';
  return undefined;
}

function listAt(data: Data, field: string): Data[] {
  const value = data[field];
  return Array.isArray(value) ? value.filter((item): item is Data => typeof item === 'object' && item !== null) : [];
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = typeof current === 'object' && current !== null ? (current as Data)[key] : undefined;
  return current;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const optionalCountry = (value: unknown) => (typeof value === 'string' ? { originCountry: value } : {});
