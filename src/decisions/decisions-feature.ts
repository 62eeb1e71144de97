import type { AgenciesFeature } from '../agencies/agencies-feature.js';
import type { LifecycleFeature } from '../lifecycle/lifecycle-feature.js';
import { createIdempotencyGuard } from '../documents/idempotency/create-idempotency-guard.js';
import { bodyParsers } from '../platform/http/body-parsers.js';
import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import type { AgencyDispatcher } from '../routing/agency-dispatcher.js';
import type { ApprovalSettlement } from './approval-settlement.js';
import { MongoOverdueCounter } from './mongo-overdue-counter.js';
import { DecisionConsumer } from './decision-consumer.js';
import { serviceLevelMetrics } from './decision-metrics.js';
import { decisionRoutes } from './decision-routes.js';
import { DecisionService } from './decision-service.js';

export interface DecisionsInputs {
  agencies: AgenciesFeature;
  lifecycle: LifecycleFeature;
  dispatcher: AgencyDispatcher;
  /** The register's draw-down around approvals. */
  settlement?: ApprovalSettlement;
}

/** applyDecision, behind the `decisions` role's consumer of sw.decisions and the agencies' HTTP endpoint. */
export async function createDecisionsFeature(context: ServiceContext, { agencies, lifecycle, dispatcher, settlement }: DecisionsInputs) {
  const { config, db, broker, logger, metrics } = context;
  const codes = agencies.registry.list().map((a) => a.code);
  const observer = serviceLevelMetrics(metrics.registry, codes, new MongoOverdueCounter(db.connection));
  const decisions = new DecisionService(agencies.registry, lifecycle.lifecycle, dispatcher, observer, settlement);
  const consumerOptions = { prefetch: config.decisionsPrefetch, retryDelaysMs: config.retryDelaysMs };
  const parts: FeatureParts = {
    routers: [
      decisionRoutes(
        decisions,
        agencies.keys,
        lifecycle.documents,
        agencies.registry,
        bodyParsers(config),
        await createIdempotencyGuard(db.connection, config),
      ),
    ],
    workers: [
      {
        role: 'decisions',
        name: 'decision-consumer',
        start: () => new DecisionConsumer(broker, decisions, consumerOptions, logger).start(),
      },
    ],
  };
  return { decisions, parts };
}
