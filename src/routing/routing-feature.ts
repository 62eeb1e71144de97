import { AgencyKeyService } from '../agencies/agency-key-service.js';
import { AgencyRegistry } from '../agencies/agency-registry.js';
import { agencyRoutes } from '../agencies/agency-routes.js';
import { MongoAgencyKeyStore } from '../agencies/mongo-agency-key-store.js';
import type { TradeDocument } from '../kernel/document-record.js';
import { DecisionConsumer } from '../decisions/decision-consumer.js';
import { decisionRoutes } from '../decisions/decision-routes.js';
import { DecisionService } from '../decisions/decision-service.js';
import { LifecycleService } from '../lifecycle/lifecycle-service.js';
import { MongoLifecycleStore } from '../lifecycle/mongo-lifecycle-store.js';
import type { TransitionHook } from '../lifecycle/transition-hooks.js';
import { MongoOutboxStore } from '../outbox/mongo/mongo-outbox-store.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { OutboxSignal } from '../outbox/outbox-signal.js';
import { bodyParsers } from '../platform/http/body-parsers.js';
import type { FeatureParts, ServiceContext } from '../platform/service-context.js';
import { AgencyDispatcher, type XmlEncoder } from './agency-dispatcher.js';
import { MongoOverdueCounter } from './mongo-overdue-counter.js';
import { RuleBook } from './rule-book.js';
import { ruleRoutes } from './rule-routes.js';
import { routingMetrics } from './routing-metrics.js';
import { routingOpenApiComponents, routingOpenApiPaths } from './routing-openapi.js';
import { RoutingPlanner } from './routing-planner.js';
import { routingTopology } from './routing-topology.js';

export interface RoutingFeatureInputs {
  /** The intake's XML codec, for agencies that want XML. */
  encodeXml: XmlEncoder;
  /** Other features' reactions to status changes, written in the same update. */
  hooks?: TransitionHook[];
}

/**
 * Wires routing, the outbox relay, decisions and the lifecycle: the agency registry
 * and rules (checked at start-up), the planner the intake calls, the topology, the
 * `relay` and `decisions` workers, and the agency and operator endpoints.
 */
export async function createRoutingFeature(context: ServiceContext, inputs: RoutingFeatureInputs) {
  const { config, db, broker, logger, metrics } = context;
  const registry = AgencyRegistry.load();
  const rules = RuleBook.load(registry);
  const dispatcher = new AgencyDispatcher(registry, inputs.encodeXml);
  const signal = new OutboxSignal();
  const planner = new RoutingPlanner(rules, registry, dispatcher, config.countryCode);
  const documents = new MongoLifecycleStore(db.connection);
  const lifecycle = new LifecycleService(documents, inputs.hooks ?? [], signal);
  const observer = routingMetrics(metrics.registry, registry.list().map((a) => a.code), new MongoOverdueCounter(db.connection));
  const decisions = new DecisionService(registry, lifecycle, dispatcher, observer);
  const keys = new AgencyKeyService(registry, await MongoAgencyKeyStore.create(db.connection));
  const outbox = await MongoOutboxStore.create(db.connection);

  const parts: FeatureParts = {
    topology: routingTopology({
      agencies: registry.list().map((a) => a.code),
      retryDelaysMs: config.retryDelaysMs,
      recentEventsMax: config.recentEventsMax,
      deliveryLimit: config.queueDeliveryLimit,
    }),
    routers: [agencyRoutes(registry, keys, config.adminToken), ruleRoutes(rules, config.adminToken), decisionRoutes(decisions, keys, documents, registry, bodyParsers(config.bodyLimitBytes))],
    openapiPaths: routingOpenApiPaths,
    openapiComponents: routingOpenApiComponents,
    workers: [
      {
        role: 'relay',
        name: 'outbox-relay',
        start: async () =>
          new OutboxRelay(
            outbox,
            broker,
            signal,
            { pollIntervalMs: config.relayPollIntervalMs, leaseMs: config.relayLeaseMs, batchSize: config.relayBatchSize, retryBaseMs: config.relayRetryBaseMs, concurrency: config.relayConcurrency },
            logger,
          ).start(),
      },
      {
        role: 'decisions',
        name: 'decision-consumer',
        start: () => new DecisionConsumer(broker, decisions, { prefetch: config.decisionsPrefetch, retryDelaysMs: config.retryDelaysMs }, logger).start(),
      },
    ],
  };
  /** For the intake: a stored document's messages go to this process's relay at once. */
  const onStored = (document: TradeDocument) => signal.notify(document.id, document.outbox);
  return { registry, rules, planner, onStored, signal, documents, lifecycle, decisions, dispatcher, parts };
}

export type RoutingFeature = Awaited<ReturnType<typeof createRoutingFeature>>;
