import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { composeFeatures } from './features.js';
import type { Config } from './platform/config/config.js';
import { createApp } from './platform/http/create-app.js';
import { healthRoutes } from './platform/health/health-routes.js';
import { createMetrics } from './platform/http/metrics.js';
import { logger } from './platform/logging/logger.js';
import { Broker } from './platform/messaging/broker.js';
import type { FeatureParts, ServiceContext, Worker } from './platform/service-context.js';
import { connectDatabase } from './platform/storage/database.js';
import { trackConnections } from './platform/http/track-connections.js';
import { resolveAdminToken } from './platform/config/admin-token.js';

export interface RunningService {
  /** Base URL of this process's HTTP server (feature routes only with the api role). */
  url: string;
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
    // A half-started process releases what it holds (the store's lock, the broker connection).
    for (const worker of workers.reverse()) await worker.stop().catch(() => undefined);
    await context?.broker.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
  const { broker } = context;

  // Every role serves health and metrics; only the api role serves the features' routes.
  const dependencies = [
    { name: 'store', isReady: () => db.isReady() },
    { name: 'broker', isReady: () => broker.isConnected },
  ];
  const featureRouters = config.roles.includes('api') ? parts.flatMap((p) => p.routers ?? []) : [];
  const app = createApp({
    metrics,
    routers: [healthRoutes(dependencies, metrics.registry), ...featureRouters],
  });
  const server: Server = app.listen(config.port, '0.0.0.0');
  await once(server, 'listening');
  const closeConnections = trackConnections(server);
  const port = (server.address() as AddressInfo).port;
  logger.info('service started', { roles: config.roles, port });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await closeConnections();
      for (const worker of workers.reverse()) await worker.stop();
      await broker.close();
      await db.close();
      logger.info('service stopped');
    })());

  return { url: `http://127.0.0.1:${port}`, context, stop };
}
