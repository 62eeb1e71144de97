import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import { AgencyKeyService } from './agency-key-service.js';
import { AgencyRegistry } from './agency-registry.js';
import { agencyRoutes } from './agency-routes.js';
import { MongoAgencyKeyStore } from './mongo-agency-key-store.js';

/** The agency registry (checked at start-up), agencies' API keys and the operator's agency endpoints. */
export async function createAgenciesFeature({ config, db }: ServiceContext) {
  const registry = AgencyRegistry.load();
  const keys = new AgencyKeyService(registry, await MongoAgencyKeyStore.create(db.connection));
  const parts: FeatureParts = { routers: [agencyRoutes(registry, keys, config.adminToken)] };
  return { registry, keys, parts };
}

export type AgenciesFeature = Awaited<ReturnType<typeof createAgenciesFeature>>;
