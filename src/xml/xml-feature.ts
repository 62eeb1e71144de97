import type { SchemaCatalog } from '../catalog/schema-catalog.js';
import type { Config } from '../platform/config/config.js';
import { DocumentXmlCodec } from './document-xml-codec.js';

/** The one schema-driven XML codec: intake reads with it, agencies' XML payloads and read-backs are written with it. */
export function createXmlFeature(schemas: SchemaCatalog, config: Pick<Config, 'xmlMaxDepth' | 'xmlMaxElements'>) {
  return { codec: new DocumentXmlCodec(schemas, { maxDepth: config.xmlMaxDepth, maxElements: config.xmlMaxElements }) };
}
