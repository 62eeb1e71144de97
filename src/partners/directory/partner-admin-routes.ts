import { Router, type RequestHandler } from 'express';
import { requireAdmin } from '../../platform/http/admin-auth.js';
import { DomainError, notFound } from '../../kernel/errors/domain-error.js';
import type { Partner } from './partner.js';
import type { PartnerDirectory } from './partner-directory.js';

const COUNTRY = /^[A-Z]{2}$/;

/** Operators read and change the partner directory; a change takes effect in every process within PARTNER_DIRECTORY_REFRESH_MS. */
export function partnerAdminRoutes(
  directory: PartnerDirectory,
  adminToken: string,
  bodies: RequestHandler[],
  onSaved: (partner: Partner) => Promise<void>,
): Router {
  const router = Router();
  const admin = requireAdmin(adminToken);

  router.get('/api/v1/admin/partners', admin, async (_req, res) => {
    await directory.refresh();
    res.json({ items: directory.list().sort((a, b) => a.country.localeCompare(b.country)) });
  });

  router.get('/api/v1/admin/partners/:country', admin, async (req, res) => {
    const partner = await directory.read(countryOf(req.params.country));
    if (!partner) throw notFound(`Partner ${req.params.country}`, 'PARTNER.NOT_FOUND');
    res.json(partner);
  });

  router.put('/api/v1/admin/partners/:country', admin, ...bodies, async (req, res) => {
    if (!req.is('application/json'))
      throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'The partner entry must be sent as application/json');
    const { partner, created } = await directory.put(countryOf(req.params.country), req.body);
    await onSaved(partner);
    res.status(created ? 201 : 200).json(partner);
  });

  return router;
}

function countryOf(raw: unknown): string {
  if (typeof raw !== 'string' || !COUNTRY.test(raw))
    throw new DomainError('PARTNER.INVALID_COUNTRY', 'The country must be an ISO 3166 alpha-2 code in capitals, e.g. TH');
  return raw;
}
