import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SchemaCatalog } from '../catalog/schema-catalog.js';
import { projectRoot } from '../platform/project-root.js';
import type { FeatureParts } from '../platform/service-context.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { openApiRoutes } from './openapi-routes.js';

/** Serves the OpenAPI document built from every other feature's paths and components; compose it last. */
export function createOpenApiFeature(others: FeatureParts[], schemas: SchemaCatalog): FeatureParts {
  const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const document = buildOpenApiDocument({
    schemas,
    paths: others.map((part) => part.openapiPaths ?? {}),
    components: others.map((part) => part.openapiComponents ?? {}),
    version,
  });
  return { routers: [openApiRoutes(document)] };
}
