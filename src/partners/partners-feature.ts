import { Counter } from 'prom-client';
import type { TradeDocument } from '../kernel/document-record.js';
import type { ForeignXmlFormat } from '../kernel/foreign-xml-format.js';
import type { TransitionHook } from '../lifecycle/transition-hooks.js';
import { ROLES } from '../platform/config/settings.js';
import { bodyParsers } from '../platform/http/body-parsers.js';
import type { FeatureParts, ServiceContext, Worker } from '../platform/service-context.js';
import { partnerAdminRoutes } from './directory/partner-admin-routes.js';
import { PartnerDirectory } from './directory/partner-directory.js';
import { MongoPartnerDirectoryStore } from './directory/mongo-partner-directory-store.js';
import type { InboundDocumentIntake } from './inbound/inbound-document-intake.js';
import { InboundProcessor } from './inbound/inbound-processor.js';
import { partnerInboundRateLimit } from './inbound/inbound-rate-limit.js';
import { inboundRoutes } from './inbound/inbound-routes.js';
import { InboundService } from './inbound/inbound-service.js';
import { InboundVerifier } from './inbound/inbound-verifier.js';
import { MongoInboundMessageStore } from './inbound/mongo-inbound-message-store.js';
import { hubConnector } from './ephyto-hub/hub-connector.js';
import { HubImportWorker } from './inbound/hub-import-worker.js';
import { MongoHubInbox } from './ephyto-hub/mongo-hub-inbox.js';
import { ExchangeRecorder, type DocumentChanger } from './outbound/exchange-recorder.js';
import { exchangeRoutes } from './outbound/exchange-routes.js';
import { MongoPartnerDocumentFinder } from './outbound/mongo-partner-document-finder.js';
import { ChannelDelivery } from './outbound/channel-delivery.js';
import { HubDelivery, type SpsWriter } from './outbound/hub-delivery.js';
import { PartnerDelivery } from './outbound/partner-delivery.js';
import { PartnerGatewayWorker } from './outbound/partner-gateway-worker.js';
import { partnerTopology } from './outbound/partner-topology.js';
import { PartnerTransitionHook } from './outbound/partner-transition-hook.js';
import { httpTransport, type PartnerTransport } from './outbound/partner-transport.js';
import { partnersOpenApi, partnersOpenApiComponents } from './partners-openapi.js';
import { PartnerSchemas } from './partner-schemas.js';
import { ProfileRegistry } from './profiles/profile-registry.js';
import { loadSigningIdentity } from './signing/signing-identity.js';
import { xmlLimitsOf } from '../xml/xml-limits-of.js';

/** What the partner exchange needs from the other features, wired in src/features.ts. */
export interface PartnerDependencies {
  /** The lifecycle's guarded single-document change (LifecycleService). */
  lifecycle: DocumentChanger;
  /** Reads a document by id (the lifecycle's store). */
  documents: { get(id: string): Promise<TradeDocument | undefined> };
  intake: InboundDocumentIntake;
  transport?: PartnerTransport;
  /** The ephyto feature's D17A-checked SPSCertificate writer, for the hub channel. */
  spsWriter: SpsWriter;
  /** The ephyto feature's SPSCertificate reader, for certificates pulled from the hub. */
  spsReader: ForeignXmlFormat;
}

export interface PartnersFeature {
  /** Give to the LifecycleService: adds the outbound exchange when a matching document is approved. */
  transitionHook: TransitionHook;
  parts(dependencies: PartnerDependencies): FeatureParts;
}

/**
 * Builds the partner exchange in two steps, because the lifecycle needs this
 * feature's transition hook before this feature can use the lifecycle.
 */
export async function preparePartners(context: ServiceContext): Promise<PartnersFeature> {
  const { config, db, broker, logger } = context;
  const identity = await loadSigningIdentity(config, (line) => process.stdout.write(`${line}\n`));
  const profiles = ProfileRegistry.standard();
  const schemas = new PartnerSchemas(profiles);
  const directoryStore = new MongoPartnerDirectoryStore(db.connection);
  const inboundStore = new MongoInboundMessageStore(db.connection);
  const finder = new MongoPartnerDocumentFinder(db.connection);
  const hubInbox = new MongoHubInbox(db.connection);
  await Promise.all([directoryStore.init(), inboundStore.init(), finder.init(), hubInbox.init()]);
  const directory = new PartnerDirectory(directoryStore, schemas, profiles);
  await directory.seed(config.partnerDirectoryFile);
  const limits = xmlLimitsOf(config);

  return {
    transitionHook: new PartnerTransitionHook((country) => directory.find(country), profiles, config.countryCode),
    parts(dependencies) {
      const exchanges = new ExchangeRecorder(dependencies.lifecycle);
      const verifier = new InboundVerifier(directory, schemas, config.countryCode, limits);
      const inbound = new InboundService(
        verifier,
        profiles,
        schemas,
        inboundStore,
        finder,
        dependencies.intake,
        identity,
        {
          ownCountry: config.countryCode,
          replayWindowMs: config.partnerReplayWindowSeconds * 1000,
          clockSkewMs: config.partnerClockSkewSeconds * 1000,
          limits,
        },
        logger,
      );
      const processor = new InboundProcessor(
        inboundStore,
        dependencies.intake,
        finder,
        exchanges,
        { leaseMs: 30_000, maxAttempts: 10, sweepIntervalMs: 5_000 },
        logger,
      );
      const delivery = new PartnerDelivery(
        dependencies.documents,
        exchanges,
        directory,
        profiles,
        schemas,
        identity,
        dependencies.transport ?? httpTransport,
        {
          ownCountry: config.countryCode,
          httpTimeoutMs: config.partnerHttpTimeoutMs,
          limits,
        },
        logger,
      );
      const hub = hubConnector(config, logger);
      const nppoCode = config.ephytoNppoCode || config.countryCode;
      const hubDelivery = new HubDelivery(
        dependencies.documents,
        exchanges,
        directory,
        hub,
        dependencies.spsWriter,
        {
          nppoCode,
          trackingIntervalMs: config.ephytoHubPollIntervalMs,
        },
        logger,
      );
      const hubImports =
        hub &&
        new HubImportWorker(
          hub,
          hubInbox,
          dependencies.spsReader,
          dependencies.intake,
          finder,
          { nppoCode, intervalMs: config.ephytoHubPollIntervalMs, batch: 50 },
          logger,
        );
      const channels = new ChannelDelivery(dependencies.documents, directory, delivery, hubDelivery);
      const gateway = new PartnerGatewayWorker(
        broker,
        directory,
        channels,
        {
          prefetch: 16,
          directoryRefreshMs: config.partnerDirectoryRefreshMs,
          deliveryLimit: config.queueDeliveryLimit,
          errorRetryMs: 5_000,
        },
        logger,
      );
      const inboundCounter = new Counter({
        name: 'sw_partner_inbound_messages_total',
        help: 'Inbound partner messages by partner, result (accepted, duplicate, refused) and refusal reason',
        labelNames: ['partner', 'result', 'reason'] as const,
        registers: [context.metrics.registry],
      });
      const bodies = bodyParsers(config);
      const refresher = directoryRefresher(directory, config.partnerDirectoryRefreshMs, logger);
      return {
        topology: [partnerTopology(directory.list(), config.queueDeliveryLimit)],
        routers: [
          partnerAdminRoutes(directory, config.adminToken, bodies, (partner) =>
            broker.addTopology(partnerTopology([partner], config.queueDeliveryLimit)),
          ),
          inboundRoutes(
            inbound,
            processor,
            identity.certificatePem,
            inboundCounter,
            [partnerInboundRateLimit(config.partnerInboundPerMinute), ...bodies],
            logger,
          ),
          exchangeRoutes(dependencies.documents, config.adminToken),
        ],
        workers: [
          { role: 'partner-gateway', name: 'partner-gateway', start: () => gateway.start() },
          { role: 'partner-gateway', name: 'partner-inbound-sweep', start: async () => processor.start() },
          ...(hubImports ? [{ role: 'partner-gateway' as const, name: 'ephyto-hub-imports', start: async () => hubImports.start() }] : []),
          ...ROLES.map((role) => ({ role, name: 'partner-directory-refresh', start: async () => refresher() })),
        ],
        openapiPaths: partnersOpenApi,
        openapiComponents: partnersOpenApiComponents,
      };
    },
  };
}

/** Keeps this process's cached directory current; started once however many roles ask for it. */
function directoryRefresher(directory: PartnerDirectory, everyMs: number, logger: ServiceContext['logger']): () => Worker {
  let running: Worker | undefined;
  return () => {
    if (running) return { stop: async () => undefined };
    const timer = setInterval(() => {
      directory.refresh().catch((error: Error) => logger.warn('partner directory refresh failed', { reason: error.message }));
    }, everyMs);
    timer.unref();
    running = { stop: async () => clearInterval(timer) };
    return running;
  };
}
