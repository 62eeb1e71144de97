import type { Config } from '../platform/config/config.js';
import type { FeatureParts } from '../platform/service-context.js';
import { DocumentXmlCodec } from '../xml/document-xml-codec.js';
import { xmlLimitsOf } from '../xml/xml-limits-of.js';
import { catalogOpenApiPaths } from './catalog-openapi.js';
import { catalogRoutes } from './catalog-routes.js';
import { CodeListCatalog } from './code-list-catalog.js';
import { SchemaCatalog } from './schema-catalog.js';

/**
 * The reference data every other feature builds on, loaded and checked once at
 * start-up: document schemas (compiled for the codec), code lists, the XML codec.
 */
export function createCatalogFeature(config: Parameters<typeof xmlLimitsOf>[0] & Pick<Config, 'validationMaxErrors'>) {
  const schemas = SchemaCatalog.load();
  const codeLists = CodeListCatalog.load();
  const codec = new DocumentXmlCodec(schemas, xmlLimitsOf(config), config.validationMaxErrors);
  const parts: FeatureParts = { routers: [catalogRoutes(schemas, codeLists)], openapiPaths: catalogOpenApiPaths(codeLists.names()) };
  return { schemas, codeLists, codec, parts };
}

export type CatalogFeature = ReturnType<typeof createCatalogFeature>;
