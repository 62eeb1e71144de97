import type { FeatureParts, ServiceContext } from './platform/service-context.js';
import { createAmendmentsFeature } from './amendments/amendments-feature.js';
import { createCatalogFeature } from './catalog/catalog-feature.js';
import { createIntakeFeature } from './documents/intake-feature.js';
import { createEnterpriseFeature } from './enterprises/enterprise-feature.js';
import { createOpenApiFeature } from './openapi/openapi-feature.js';
import { documentServiceIntake } from './partners/inbound/inbound-document-intake.js';
import { preparePartners } from './partners/partners-feature.js';
import { createRoutingFeature } from './routing/routing-feature.js';

/**
 * The composition root: builds each feature's services from the platform and
 * from one another, in dependency order, and collects what they contribute.
 */
export async function composeFeatures(context: ServiceContext): Promise<FeatureParts[]> {
  const catalog = createCatalogFeature(context.config);
  const enterprises = await createEnterpriseFeature(context);
  const partners = await preparePartners(context);
  const routing = await createRoutingFeature(context, { encodeXml: (type, data) => catalog.codec.encode(type, data), hooks: [partners.transitionHook] });
  const intake = await createIntakeFeature(context, { catalog, enterprises, planner: routing.planner, onStored: routing.onStored });
  const partnerParts = partners.parts({ lifecycle: routing.lifecycle, documents: routing.documents, intake: documentServiceIntake(intake.documents) });
  const amendments = createAmendmentsFeature(context, routing, {
    validate: async (type, data) => intake.documents.validate(type, data).issues,
    guards: enterprises.guards,
  });
  const parts = [catalog.parts, enterprises.parts, intake.parts, routing.parts, amendments, partnerParts];
  // Last: the OpenAPI document describes every other feature's paths.
  return [...parts, createOpenApiFeature(parts, catalog.schemas)];
}
