import type { Router } from 'express';
import type { Config, Role } from './config/config.js';
import type { Metrics } from './http/metrics.js';
import type { Logger } from './logging/logger.js';
import type { Broker, TopologyStep } from './messaging/broker.js';
import type { Database } from './storage/database.js';

/** What every feature is built from: the platform, already connected. */
export interface ServiceContext {
  config: Config;
  logger: Logger;
  db: Database;
  broker: Broker;
  metrics: Metrics;
}

/** A background loop or consumer run by one role; stop() finishes the work in hand. */
export interface Worker {
  stop(): Promise<void>;
}

/** What a feature contributes to the process: topology, HTTP routes, role workers. */
export interface FeatureParts {
  topology?: TopologyStep[];
  routers?: Router[];
  workers?: { role: Role; name: string; start: () => Promise<Worker> }[];
  /** OpenAPI 3.1 `paths` entries for this feature's routes, merged into /openapi.json. */
  openapiPaths?: Record<string, unknown>;
  /** OpenAPI `components` entries this feature's paths refer to (`#/components/schemas/...`), merged into /openapi.json. */
  openapiComponents?: OpenApiComponents;
}

/** The kinds of OpenAPI components a feature may contribute; names must be unique across features. */
export interface OpenApiComponents {
  schemas?: Record<string, unknown>;
  securitySchemes?: Record<string, unknown>;
}
