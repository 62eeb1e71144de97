import { once } from 'node:events';
import { isIPv6, type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import { composeFeatures } from './features.js';
import type { Config } from './platform/config/config.js';
import { createApp } from './platform/http/create-app.js';
import { healthRoutes } from './platform/health/health-routes.js';
import { metricsRoutes } from './platform/health/metrics-routes.js';
import { createMetrics } from './platform/http/metrics.js';
import { logger } from './platform/logging/logger.js';
import { Broker } from './platform/messaging/broker.js';
import type { FeatureParts, ServiceContext, Worker } from './platform/service-context.js';
import { connectDatabase } from './platform/storage/database.js';
import { trackConnections } from './platform/http/track-connections.js';
import { answerClientErrors } from './platform/http/client-error-answers.js';
import { resolveAdminToken } from './platform/config/admin-token.js';

export interface RunningService {
  /** Base URL of this process's HTTP server (feature routes only with the api role). */
  url: string;
  /** Base URL of the server answering /metrics: `url`, or the METRICS_PORT server's. */
  metricsUrl: string;
  context: ServiceContext;
  stop(): Promise<void>;
}

/** Connects the platform, composes the features and starts the roles the configuration names. */
export async function startService(settings: Config): Promise<RunningService> {
  const adminToken = await resolveAdminToken(settings, (line) => process.stdout.write(`${line}\n`));
  const config: Config = { ...settings, adminToken };
  const metrics = createMetrics();
  const db = await connectDatabase(config, logger);
  let context: ServiceContext | undefined;
  const workers: Worker[] = [];
  let parts: FeatureParts[];
  // A half-started process releases what it holds (the store's lock, the broker connection).
  const release = async () => {
    for (const worker of workers.reverse()) await worker.stop().catch(() => undefined);
    await context?.broker.close().catch(() => undefined);
    await db.close().catch(() => undefined);
  };
  try {
    const broker = await Broker.connect({
      url: config.amqpUrl,
      logger,
      publishTimeoutMs: config.publishTimeoutMs,
      connectTimeoutMs: config.amqpConnectTimeoutMs,
      managementUrl: config.rabbitmqManagementUrl,
    });
    context = { config, logger, db, broker, metrics };
    parts = await composeFeatures(context);
    for (const step of parts.flatMap((p) => p.topology ?? [])) await broker.addTopology(step);
    for (const worker of parts.flatMap((p) => p.workers ?? [])) {
      if (config.roles.includes(worker.role)) workers.push(await worker.start());
    }
  } catch (error) {
    await release();
    throw error;
  }
  const { broker } = context;

  // Every role serves health and metrics; only the api role serves the features' routes.
  // With METRICS_PORT, /metrics moves to a server of its own, which a firewall can keep internal.
  const dependencies = [
    { name: 'store', isReady: () => db.isReady() },
    { name: 'broker', isReady: () => broker.isConnected },
  ];
  const featureRouters = config.roles.includes('api') ? parts.flatMap((p) => p.routers ?? []) : [];
  const metricsRouter = metricsRoutes(metrics.registry, config.metricsToken);
  const separateMetrics = config.metricsPort !== undefined;
  const main = await listen(
    createApp({
      metrics,
      routers: [healthRoutes(dependencies), ...(separateMetrics ? [] : [metricsRouter]), ...featureRouters],
      maxProblemListItems: config.validationMaxErrors,
    }),
    config.port,
    config,
  ).catch(async (error: unknown) => {
    await release();
    throw error;
  });
  const metricsServer = separateMetrics
    ? await listen(createApp({ metrics, routers: [metricsRouter] }), config.metricsPort!, config).catch(async (error: unknown) => {
        await main.close();
        await release();
        throw error;
      })
    : undefined;
  logger.info('service started', {
    roles: config.roles,
    host: config.host,
    port: main.port,
    ...(metricsServer ? { metricsPort: metricsServer.port } : {}),
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all([main.close(), metricsServer?.close()]);
      for (const worker of workers.reverse()) await worker.stop();
      await broker.close();
      await db.close();
      logger.info('service stopped');
    })());

  const url = (port: number) => `http://${reachableHost(config.host)}:${port}`;
  return { url: url(main.port), metricsUrl: url((metricsServer ?? main).port), context, stop };
}

/** Node looks for expired requests this often (30 s by default, coarser than the timeouts). */
const CONNECTIONS_CHECK_MS = 1000;

type ServerSettings = Pick<Config, 'host' | 'httpHeadersTimeoutMs' | 'httpRequestTimeoutMs'>;

async function listen(app: Express, port: number, settings: ServerSettings): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer(
    {
      // Node refuses a headers timeout longer than the request's, which already bounds it.
      headersTimeout: Math.min(settings.httpHeadersTimeoutMs, settings.httpRequestTimeoutMs),
      requestTimeout: settings.httpRequestTimeoutMs,
      connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
    },
    app,
  );
  answerClientErrors(server);
  server.listen(port, settings.host);
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, close: trackConnections(server) };
}

/** Where a client on this machine reaches a server listening on `host`: a wildcard address is reached on loopback. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return isIPv6(host) ? `[${host}]` : host;
}
