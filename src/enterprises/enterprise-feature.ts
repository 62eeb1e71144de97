import { requireAdmin } from '../platform/http/admin-auth.js';
import { bodyParsers } from '../platform/http/body-parsers.js';
import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import { apiKeyRateLimit } from './api-key-rate-limit.js';
import { enterpriseAdminRoutes } from './enterprise-admin-routes.js';
import { requireEnterprise } from './enterprise-auth.js';
import { enterpriseOpenApiPaths } from './enterprise-openapi.js';
import { EnterpriseService } from './enterprise-service.js';
import { MongoEnterpriseStore } from './mongo-enterprise-store.js';

/**
 * Enterprises and their API keys. `guards` authenticate an enterprise, apply its
 * per-key rate limit and only then parse the body; enterprise-facing routes of any
 * feature put them first.
 */
export async function createEnterpriseFeature({ config, db }: ServiceContext) {
  const service = new EnterpriseService(await MongoEnterpriseStore.create(db.connection), { keyCacheMs: config.apiKeyCacheSeconds * 1000 });
  const bodies = bodyParsers(config);
  const guards = [requireEnterprise(service), apiKeyRateLimit(config.rateLimitPerMinute), ...bodies];
  const parts: FeatureParts = {
    routers: [enterpriseAdminRoutes(service, requireAdmin(config.adminToken), bodies)],
    openapiPaths: enterpriseOpenApiPaths,
  };
  return { service, guards, parts };
}

export type EnterpriseFeature = Awaited<ReturnType<typeof createEnterpriseFeature>>;
