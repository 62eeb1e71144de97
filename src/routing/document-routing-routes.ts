import { Router, type RequestHandler } from 'express';
import type { AgencyRegistry } from '../agencies/agency-registry.js';
import { principalOf } from '../enterprises/enterprise-auth.js';
import type { LifecycleStore } from '../lifecycle/lifecycle-store.js';
import { notFound } from '../kernel/errors/domain-error.js';
import { routingView } from './routing-view.js';

/**
 * `GET /api/v1/documents/{id}/routing`: the enterprise follows its document through
 * the agencies (status, due time, overdue flag, permits); another enterprise's id
 * answers 404 like a missing one.
 */
export function documentRoutingRoutes(documents: LifecycleStore, registry: AgencyRegistry, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/api/v1/documents/:id/routing', ...guards, async (req, res) => {
    const { enterpriseId } = principalOf(res.locals);
    const document = await documents.get(String(req.params.id).slice(0, 128));
    if (!document || document.enterpriseId !== enterpriseId) throw notFound('The document', 'DOCUMENT.NOT_FOUND');
    res.json({ id: document.id, status: document.status, routing: routingView(document, new Date(), registry) ?? null });
  });
  return router;
}
