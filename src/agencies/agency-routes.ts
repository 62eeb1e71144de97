import { Router } from 'express';
import { requireAdmin } from '../platform/http/admin-auth.js';
import type { AgencyKeyService } from './agency-key-service.js';
import type { AgencyRegistry } from './agency-registry.js';

/** Operator endpoints: the agency registry and the agencies' API keys. */
export function agencyRoutes(registry: AgencyRegistry, keys: AgencyKeyService, adminToken: string): Router {
  const router = Router();
  const admin = requireAdmin(adminToken);

  router.get('/api/v1/admin/agencies', admin, (_req, res) => {
    res.json({ version: registry.version, agencies: registry.list() });
  });

  router.post('/api/v1/admin/agencies/:code/api-keys', admin, async (req, res) => {
    const issued = await keys.issue(req.params.code as string);
    res
      .status(201)
      .location(`/api/v1/admin/agencies/${encodeURIComponent(issued.agency)}/api-keys/${issued.keyId}`)
      .json(issued);
  });

  router.get('/api/v1/admin/agencies/:code/api-keys', admin, async (req, res) => {
    res.json({ items: await keys.list(req.params.code as string) });
  });

  router.delete('/api/v1/admin/agencies/:code/api-keys/:keyId', admin, async (req, res) => {
    await keys.revoke(req.params.code as string, req.params.keyId as string);
    res.status(204).end();
  });

  return router;
}
