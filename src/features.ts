import { createAgenciesFeature } from './agencies/agencies-feature.js';
import { createAmendmentsFeature } from './amendments/amendments-feature.js';
import { createCatalogFeature } from './catalog/catalog-feature.js';
import { createDecisionsFeature } from './decisions/decisions-feature.js';
import { createIntakeFeature } from './documents/intake-feature.js';
import { createEphytoFeature } from './ephyto/ephyto-feature.js';
import { createEnterpriseFeature } from './enterprises/enterprise-feature.js';
import { createLifecycleFeature } from './lifecycle/lifecycle-feature.js';
import { createOpenApiFeature } from './openapi/openapi-feature.js';
import { createOutboxFeature } from './outbox/outbox-feature.js';
import { createRegisterFeature } from './register/register-feature.js';
import { documentServiceIntake } from './partners/inbound/inbound-document-intake.js';
import { preparePartners } from './partners/partners-feature.js';
import type { FeatureParts, ServiceContext } from './platform/service-context.js';
import { createRoutingFeature } from './routing/routing-feature.js';
import { createXmlFeature } from './xml/xml-feature.js';

/**
 * The composition root: builds each feature from the platform and from the
 * features it needs, in dependency order, and collects what they contribute.
 */
export async function composeFeatures(context: ServiceContext): Promise<FeatureParts[]> {
  const catalog = createCatalogFeature();
  const xml = createXmlFeature(catalog.schemas, context.config);
  const ephyto = createEphytoFeature(context.config);
  const enterprises = await createEnterpriseFeature(context);
  const agencies = await createAgenciesFeature(context);
  const outbox = await createOutboxFeature(context);
  // The partner exchange reacts to approvals inside the lifecycle's update, so its hook comes first.
  const partners = await preparePartners(context);
  const lifecycle = createLifecycleFeature(context, { signal: outbox.signal, hooks: [partners.transitionHook] });
  const routing = createRoutingFeature(context, {
    agencies,
    lifecycle,
    encodeXml: (type, data) => xml.codec.encode(type, data),
    enterpriseGuards: enterprises.guards,
  });
  const register = await createRegisterFeature(context, { agencies, enterprises, lifecycle });
  const decisions = await createDecisionsFeature(context, {
    agencies,
    lifecycle,
    dispatcher: routing.dispatcher,
    settlement: register.settlement,
  });
  const intake = await createIntakeFeature(context, {
    catalog,
    codec: xml.codec,
    enterprises,
    planner: routing.planner,
    checks: [register.check],
    onStored: outbox.onStored,
    formats: [ephyto.reader],
  });
  const partnerParts = partners.parts({
    lifecycle: lifecycle.lifecycle,
    documents: lifecycle.documents,
    intake: documentServiceIntake(intake.documents),
    spsWriter: ephyto.writer,
    spsReader: ephyto.reader,
  });
  const amendments = createAmendmentsFeature(context, {
    agencies,
    routing,
    lifecycle,
    intake: { validate: async (type, data) => (await intake.documents.check(type, data)).issues, guards: enterprises.guards },
  });
  const ephytoParts = ephyto.parts(intake.documents, enterprises.guards);
  const parts = [
    catalog.parts,
    enterprises.parts,
    agencies.parts,
    outbox.parts,
    routing.parts,
    decisions.parts,
    intake.parts,
    ephytoParts,
    register.parts,
    amendments,
    partnerParts,
  ];
  // Last: the OpenAPI document describes every other feature's paths.
  return [...parts, createOpenApiFeature(parts, catalog.schemas)];
}
