import type { FeatureParts } from '../platform/service-context.js';
import { catalogOpenApiPaths } from './catalog-openapi.js';
import { catalogRoutes } from './catalog-routes.js';
import { CodeListCatalog } from './code-list-catalog.js';
import { SchemaCatalog } from './schema-catalog.js';

/**
 * The reference data every other feature builds on, loaded and checked once at
 * start-up: document schemas and code lists.
 */
export function createCatalogFeature() {
  const schemas = SchemaCatalog.load();
  const codeLists = CodeListCatalog.load();
  const parts: FeatureParts = { routers: [catalogRoutes(schemas, codeLists)], openapiPaths: catalogOpenApiPaths(codeLists.names()) };
  return { schemas, codeLists, parts };
}

export type CatalogFeature = ReturnType<typeof createCatalogFeature>;
