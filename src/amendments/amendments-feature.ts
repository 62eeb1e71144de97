import type { RequestHandler } from 'express';
import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import { documentRoutingRoutes } from '../routing/document-routing-routes.js';
import type { RoutingFeature } from '../routing/routing-feature.js';
import { amendmentRoutes } from './amendment-routes.js';
import { AmendmentService, type DataValidator } from './amendment-service.js';

/**
 * The enterprise's side of routing, wired from the routing feature and the intake's
 * validator and guards (authentication, rate limit): amendments answering NEEDS_INFO,
 * and the routing view.
 */
export function createAmendmentsFeature(
  context: ServiceContext,
  routing: RoutingFeature,
  intake: { validate: DataValidator; guards: RequestHandler[] },
): FeatureParts {
  const amendments = new AmendmentService({
    documents: routing.documents,
    lifecycle: routing.lifecycle,
    validate: intake.validate,
    rules: routing.rules,
    registry: routing.registry,
    dispatcher: routing.dispatcher,
    homeCountry: context.config.countryCode,
    maxAmendments: context.config.maxAmendments,
  });
  return {
    routers: [amendmentRoutes(amendments, intake.guards), documentRoutingRoutes(routing.documents, routing.registry, intake.guards)],
  };
}
