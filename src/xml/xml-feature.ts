import type { SchemaCatalog } from '../catalog/schema-catalog.js';
import type { Config } from '../platform/config/config.js';
import { DocumentXmlCodec } from './document-xml-codec.js';
import { xmlLimitsOf } from './xml-limits-of.js';

/** The one schema-driven XML codec: intake reads with it, agencies' XML payloads and read-backs are written with it. */
export function createXmlFeature(schemas: SchemaCatalog, config: Parameters<typeof xmlLimitsOf>[0] & Pick<Config, 'validationMaxErrors'>) {
  return { codec: new DocumentXmlCodec(schemas, xmlLimitsOf(config), config.validationMaxErrors) };
}
