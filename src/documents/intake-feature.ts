import type { CatalogFeature } from '../catalog/catalog-feature.js';
import type { EnterpriseFeature } from '../enterprises/enterprise-feature.js';
import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import type { TradeDocument } from '../kernel/document-record.js';
import type { ForeignXmlFormat } from '../kernel/foreign-xml-format.js';
import { documentOpenApiPaths } from './document-openapi.js';
import { documentRoutes } from './document-routes.js';
import { DocumentService } from './document-service.js';
import { createIdempotencyGuard } from './idempotency/create-idempotency-guard.js';
import { MongoDocumentStore } from './mongo-document-store.js';
import { MongoReferenceSequence } from './mongo-reference-sequence.js';
import type { SubmissionPlanner } from '../kernel/submission-plan.js';
import type { DocumentXmlCodec } from '../xml/document-xml-codec.js';
import type { DocumentCheck } from './validation/document-check.js';
import { DocumentValidator } from './validation/document-validator.js';

export interface IntakeInputs {
  catalog: CatalogFeature;
  enterprises: EnterpriseFeature;
  codec: DocumentXmlCodec;
  /** The routing feature's planner: agency work and the status event, stored with the document. */
  planner: SubmissionPlanner;
  /** Checks that read the store (the register's), after schema and rules. */
  checks?: DocumentCheck[];
  onStored?: (document: TradeDocument) => void;
  /** XML formats accepted as they stand beside the single window's own. */
  formats?: readonly ForeignXmlFormat[];
}

/** Document intake: validation, storage with the submission plan, and the document API. */
export async function createIntakeFeature(
  { config, db }: ServiceContext,
  { catalog, codec, enterprises, planner, checks, onStored, formats = [] }: IntakeInputs,
) {
  const validator = new DocumentValidator(catalog.schemas, catalog.codeLists, config.validationMaxErrors);
  const documents = new DocumentService({
    store: await MongoDocumentStore.create(db.connection),
    references: MongoReferenceSequence.create(db.connection, config.referenceBlockSize),
    validator,
    codec,
    planner,
    ...(checks ? { checks } : {}),
    referencePrefix: config.referencePrefix,
    ...(onStored ? { onStored } : {}),
  });
  const idempotency = await createIdempotencyGuard(db.connection, config);
  const parts: FeatureParts = {
    routers: [documentRoutes({ documents, codec, idempotency, formats, guards: enterprises.guards })],
    openapiPaths: documentOpenApiPaths,
  };
  return { documents, validator, parts };
}

export type IntakeFeature = Awaited<ReturnType<typeof createIntakeFeature>>;
