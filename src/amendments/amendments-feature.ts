import type { RequestHandler } from 'express';
import type { AgenciesFeature } from '../agencies/agencies-feature.js';
import type { LifecycleFeature } from '../lifecycle/lifecycle-feature.js';
import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import type { RoutingFeature } from '../routing/routing-feature.js';
import { amendmentRoutes } from './amendment-routes.js';
import { AmendmentService, type DataValidator } from './amendment-service.js';

export interface AmendmentsInputs {
  agencies: AgenciesFeature;
  routing: RoutingFeature;
  lifecycle: LifecycleFeature;
  /** The intake's checks and guards (authentication, rate limit). */
  intake: { validate: DataValidator; guards: RequestHandler[] };
}

/** Amendments: the enterprise's answers to an agency's NEEDS_INFO, re-validated and re-routed to the agencies that asked. */
export function createAmendmentsFeature(context: ServiceContext, { agencies, routing, lifecycle, intake }: AmendmentsInputs): FeatureParts {
  const amendments = new AmendmentService({
    documents: lifecycle.documents,
    lifecycle: lifecycle.lifecycle,
    validate: intake.validate,
    rules: routing.rules,
    registry: agencies.registry,
    dispatcher: routing.dispatcher,
    homeCountry: context.config.countryCode,
    maxAmendments: context.config.maxAmendments,
  });
  return {
    routers: [amendmentRoutes(amendments, intake.guards)],
  };
}
