import type { RequestHandler } from 'express';
import type { AgenciesFeature } from '../agencies/agencies-feature.js';
import type { LifecycleFeature } from '../lifecycle/lifecycle-feature.js';
import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import { AgencyDispatcher, type XmlEncoder } from './agency-dispatcher.js';
import { documentRoutingRoutes } from './document-routing-routes.js';
import { RuleBook } from './rule-book.js';
import { ruleRoutes } from './rule-routes.js';
import { routingOpenApiComponents, routingOpenApiPaths } from './routing-openapi.js';
import { RoutingPlanner } from './routing-planner.js';
import { routingTopology } from './routing-topology.js';

export interface RoutingInputs {
  agencies: AgenciesFeature;
  lifecycle: LifecycleFeature;
  /** The intake's XML codec, for agencies that want XML. */
  encodeXml: XmlEncoder;
  /** The enterprise's authentication and rate limit, for the routing view. */
  enterpriseGuards: RequestHandler[];
}

/**
 * Routing: the rules (checked at start-up), the planner the intake calls, the
 * dispatcher that writes each agency's work, the AMQP topology, the rules' endpoints
 * and the enterprise's routing view of its document.
 */
export function createRoutingFeature({ config }: ServiceContext, { agencies, lifecycle, encodeXml, enterpriseGuards }: RoutingInputs) {
  const { registry } = agencies;
  const rules = RuleBook.load(registry);
  const dispatcher = new AgencyDispatcher(registry, encodeXml);
  const planner = new RoutingPlanner(rules, registry, dispatcher, config.countryCode);
  const parts: FeatureParts = {
    topology: routingTopology({
      agencies: registry.list().map((a) => a.code),
      retryDelaysMs: config.retryDelaysMs,
      recentEventsMax: config.recentEventsMax,
      deliveryLimit: config.queueDeliveryLimit,
    }),
    routers: [ruleRoutes(rules, config.adminToken), documentRoutingRoutes(lifecycle.documents, registry, enterpriseGuards)],
    openapiPaths: routingOpenApiPaths,
    openapiComponents: routingOpenApiComponents,
  };
  return { rules, planner, dispatcher, parts };
}

export type RoutingFeature = ReturnType<typeof createRoutingFeature>;
