import { SchemaCatalog } from '../../src/catalog/schema-catalog.js';
import { DocumentXmlCodec } from '../../src/xml/document-xml-codec.js';
import type { XmlDecoder } from './agency-work-item.js';

/** The single window's own XML codec, so a connector reads exactly the XML the service writes. */
export function documentXmlDecoder(limits = { maxDepth: 64, maxElements: 1_000_000 }): XmlDecoder {
  const codec = new DocumentXmlCodec(SchemaCatalog.load(), limits);
  return (type, xml) => codec.decode(type, xml);
}
