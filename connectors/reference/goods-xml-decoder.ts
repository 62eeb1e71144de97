import { XMLParser } from 'fast-xml-parser';
import { GOODS_FIELD, type XmlDecoder } from '../sdk/index.js';

/**
 * Reads what the reference policy looks at from an XML agency's payload: the
 * document's elements as strings, with the goods list (`<goodsItems><goodsItem>…`)
 * as an array. A real connector would read the XML with its own tooling, or decode
 * it against the schema published at /api/v1/schemas/{type}.
 */
export function goodsXmlDecoder(): XmlDecoder {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: false, removeNSPrefix: true });
  return (type, xml) => {
    const parsed = parser.parse(xml) as Record<string, Record<string, unknown> | undefined>;
    const document = { ...(parsed[type] ?? {}) };
    const container = document[GOODS_FIELD[type]];
    if (container && typeof container === 'object') {
      const [items] = Object.values(container);
      document[GOODS_FIELD[type]] = [items ?? []].flat();
    }
    return document;
  };
}
