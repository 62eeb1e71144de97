import express, { type Router } from 'express';
import helmet from 'helmet';
import { errorHandler, notFoundRoute } from './error-handler.js';
import type { Metrics } from './metrics.js';
import { requestId } from './request-id.js';

export interface AppParts {
  metrics: Metrics;
  /** Feature routers, mounted in order; each declares its own paths, guards and body parsers (bodyParsers, after the guards). */
  routers: Router[];
  /** Most entries of any list in a problem body (VALIDATION_MAX_ERRORS). */
  maxProblemListItems?: number;
}

/** The Express application without a listening socket: tests and the process entry both use it. */
export function createApp({ metrics, routers, maxProblemListItems }: AppParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  // No body-hash ETags: hashing every response (202s included) costs more than the conditional GETs it would allow.
  app.set('etag', false);
  app.use(requestId);
  app.use(metrics.observeRequests);
  app.use(helmet());
  for (const router of routers) app.use(router);
  app.use(notFoundRoute);
  app.use(errorHandler(maxProblemListItems));
  return app;
}
