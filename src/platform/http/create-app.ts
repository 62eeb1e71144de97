import express, { type Router } from 'express';
import helmet from 'helmet';
import { errorHandler, notFoundRoute } from './error-handler.js';
import type { Metrics } from './metrics.js';
import { requestId } from './request-id.js';

export interface AppParts {
  metrics: Metrics;
  bodyLimitBytes: number;
  /** Feature routers, mounted in order; each declares its own paths and body parsers. */
  routers: Router[];
}

/** The Express application without a listening socket: tests and the process entry both use it. */
export function createApp({ metrics, bodyLimitBytes, routers }: AppParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  // No body-hash ETags: hashing every response (202s included) costs more than the conditional GETs it would allow.
  app.set('etag', false);
  app.use(requestId);
  app.use(metrics.observeRequests);
  app.use(helmet());
  // Bodies are parsed once, here, with one explicit limit: JSON to objects, XML kept as text for the codec.
  app.use(express.json({ limit: bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  app.use(express.text({ limit: bodyLimitBytes, type: ['application/xml', 'text/xml', 'application/*+xml'] }));
  for (const router of routers) app.use(router);
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}
