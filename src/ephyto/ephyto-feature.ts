import type { RequestHandler } from 'express';
import type { DocumentService } from '../documents/document-service.js';
import type { Config } from '../platform/config/config.js';
import type { FeatureParts } from '../platform/service-context.js';
import { ephytoOpenApiPaths } from './ephyto-openapi.js';
import { ephytoRoutes } from './ephyto-routes.js';
import { SpsCertificateReader } from './sps-certificate-reader.js';
import { SpsCertificateWriter } from './sps-certificate-writer.js';
import { SpsSchemaValidator } from './sps-schema-validator.js';

/** The UN/CEFACT SPS certificate: read (intake, the hub) and written (read-back, the hub), both checked against D17A. */
export function createEphytoFeature(config: Pick<Config, 'xmlMaxDepth' | 'xmlMaxElements'>) {
  const validator = new SpsSchemaValidator();
  const reader = new SpsCertificateReader(validator, { maxDepth: config.xmlMaxDepth, maxElements: config.xmlMaxElements });
  const writer = new SpsCertificateWriter(validator);
  return {
    validator,
    reader,
    writer,
    parts(documents: DocumentService, guards: RequestHandler[]): FeatureParts {
      return { routers: [ephytoRoutes(documents, writer, guards)], openapiPaths: ephytoOpenApiPaths };
    },
  };
}

export type EphytoFeature = ReturnType<typeof createEphytoFeature>;
