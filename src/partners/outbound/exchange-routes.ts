import { Router } from 'express';
import type { TradeDocument } from '../../kernel/document-record.js';
import { requireAdmin } from '../../platform/http/admin-auth.js';
import { notFound } from '../../kernel/errors/domain-error.js';
import { exchangesOf } from './partner-exchange.js';

/** Operators follow a document's exchanges with partners: transport status, receipt, business responses, history. */
export function exchangeRoutes(documents: { get(id: string): Promise<TradeDocument | undefined> }, adminToken: string): Router {
  const router = Router();
  router.get('/api/v1/admin/documents/:id/partner-exchanges', requireAdmin(adminToken), async (req, res) => {
    const id = String(req.params.id);
    const document = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await documents.get(id) : undefined;
    if (!document) throw notFound('The document', 'DOCUMENT.NOT_FOUND');
    res.json({ documentId: document.id, reference: document.reference, status: document.status, items: exchangesOf(document) });
  });
  return router;
}
