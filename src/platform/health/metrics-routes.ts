import { Router, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { DomainError } from '../../kernel/errors/domain-error.js';
import { bearerToken, sameSecret } from '../http/bearer-token.js';

/** `/metrics` in Prometheus format; with a token (METRICS_TOKEN) only for scrapers that send it. */
export function metricsRoutes(registry: Registry, token: string): Router {
  const router = Router();
  const guards = token ? [requireMetricsToken(token)] : [];
  router.get('/metrics', ...guards, async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}

/** Metrics name queues, partners and volumes: worth keeping from whoever merely reaches the port. */
function requireMetricsToken(expected: string): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    if (token && sameSecret(token, expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="metrics"');
    next(
      token
        ? new DomainError('AUTH.INVALID_TOKEN', 'The metrics token is not valid')
        : new DomainError('AUTH.MISSING_TOKEN', 'A metrics bearer token (METRICS_TOKEN) is required'),
    );
  };
}
