import type { XmlDecoder } from '../../connectors/sdk/index.js';
import { SchemaCatalog } from '../../src/catalog/schema-catalog.js';
import { DocumentXmlCodec } from '../../src/xml/document-xml-codec.js';

/** The single window's own XML codec as a connector's decoder, so tests see exactly the document that was sent. */
export function documentXmlDecoder(): XmlDecoder {
  const codec = new DocumentXmlCodec(SchemaCatalog.load(), { maxDepth: 64, maxElements: 1_000_000 });
  return (type, xml) => codec.decode(type, xml);
}
