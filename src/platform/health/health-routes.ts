import { Router } from 'express';

export interface Dependency {
  name: string;
  isReady(): boolean;
}

/**
 * Liveness says the process answers; readiness says it can do its job now, which
 * needs every dependency (store, broker) reachable; load balancers stop sending
 * traffic while it answers 503.
 */
export function healthRoutes(dependencies: Dependency[]): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'up' });
  });
  router.get('/health/ready', (_req, res) => {
    const checks = Object.fromEntries(dependencies.map((d) => [d.name, d.isReady() ? 'up' : 'down']));
    const ready = Object.values(checks).every((state) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'up' : 'down', checks });
  });
  return router;
}
