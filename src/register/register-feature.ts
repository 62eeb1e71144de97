import type { AgenciesFeature } from '../agencies/agencies-feature.js';
import type { LifecycleFeature } from '../lifecycle/lifecycle-feature.js';
import type { EnterpriseFeature } from '../enterprises/enterprise-feature.js';
import { bodyParsers } from '../platform/http/body-parsers.js';
import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import { MongoRegisterStore } from './mongo-register-store.js';
import { registerCheck } from './register-check.js';
import { registerOpenApiComponents, registerOpenApiPaths } from './register-openapi.js';
import { registerRoutes } from './register-routes.js';
import { RegisterService } from './register-service.js';
import { registerSettlement } from './register-settlement.js';

export interface RegisterInputs {
  agencies: AgenciesFeature;
  enterprises: EnterpriseFeature;
  lifecycle: LifecycleFeature;
}

/**
 * The register of issued licences and certificates: the intake's check of a
 * declaration's citations, the decisions' draw-down, and the entries' API.
 */
export async function createRegisterFeature({ config, db, logger }: ServiceContext, { agencies, enterprises, lifecycle }: RegisterInputs) {
  const register = new RegisterService(await MongoRegisterStore.create(db.connection), config.registerSince);
  const parts: FeatureParts = {
    routers: [
      registerRoutes({
        register,
        agencyKeys: agencies.keys,
        documents: lifecycle.documents,
        enterpriseGuards: enterprises.guards,
        bodies: bodyParsers(config),
      }),
    ],
    openapiPaths: registerOpenApiPaths,
    openapiComponents: registerOpenApiComponents,
  };
  return { register, check: registerCheck(register), settlement: registerSettlement(register, logger), parts };
}

export type RegisterFeature = Awaited<ReturnType<typeof createRegisterFeature>>;
