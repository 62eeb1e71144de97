import { Router, type RequestHandler } from 'express';
import { agencyOf, requireAgency } from '../agencies/agency-auth.js';
import type { AgencyKeyService } from '../agencies/agency-key-service.js';
import { principalOf } from '../enterprises/enterprise-auth.js';
import type { LifecycleStore } from '../lifecycle/lifecycle-store.js';
import { DomainError, notFound } from '../kernel/errors/domain-error.js';
import { citedEntryView, entryRepresentation } from './register-representation.js';
import { parseAmendment, parseRevocation } from './register-requests.js';
import type { RegisterService } from './register-service.js';
import type { RegisterFilter } from './register-store.js';

export interface RegisterRouteParts {
  register: RegisterService;
  agencyKeys: AgencyKeyService;
  documents: LifecycleStore;
  /** requireEnterprise and the rate limit. */
  enterpriseGuards: RequestHandler[];
  bodies: RequestHandler[];
}

const ID = (value: unknown) => String(value).slice(0, 64);

/**
 * The register over HTTP: an enterprise reads the entries of what it applied for;
 * an agency reads, revokes and amends what it issued. Anyone else's entry answers 404.
 */
export function registerRoutes({ register, agencyKeys, documents, enterpriseGuards, bodies }: RegisterRouteParts): Router {
  const router = Router();
  const agencyAuth = requireAgency(agencyKeys);
  const list = async (filter: RegisterFilter, query: Record<string, unknown>) => {
    const { limit, afterKey } = page(query);
    const items = await register.list(filter, { limit: limit + 1, ...(afterKey === undefined ? {} : { afterKey }) });
    const shown = items.slice(0, limit);
    const more = items.length > limit;
    return {
      items: shown.map((e) => entryRepresentation(e, new Date())),
      ...(more ? { nextCursor: Buffer.from(shown.at(-1)!.key).toString('base64url') } : {}),
    };
  };

  router.get('/api/v1/register/entries', ...enterpriseGuards, async (req, res) => {
    res.json(await list({ enterpriseId: principalOf(res.locals).enterpriseId }, req.query as Record<string, unknown>));
  });
  router.get('/api/v1/register/entries/:id', ...enterpriseGuards, async (req, res) => {
    res.json(entryRepresentation(await register.getForEnterprise(principalOf(res.locals).enterpriseId, ID(req.params.id)), new Date()));
  });
  // A declaration's citations with their balances as they are now (the agencies' messages carry them as of dispatch).
  router.get('/api/v1/documents/:id/register-entries', ...enterpriseGuards, async (req, res) => {
    const document = await documents.get(ID(req.params.id));
    if (!document || document.enterpriseId !== principalOf(res.locals).enterpriseId) throw notFound('The document', 'DOCUMENT.NOT_FOUND');
    res.json({ id: document.id, items: (await register.citedBy(document)).map((e) => citedEntryView(e, new Date())) });
  });

  router.get('/api/v1/agencies/:code/register/entries', agencyAuth, async (req, res) => {
    res.json(await list({ issuingAgency: agencyOf(res.locals).agency }, req.query as Record<string, unknown>));
  });
  router.get('/api/v1/agencies/:code/register/entries/:id', agencyAuth, async (req, res) => {
    res.json(entryRepresentation(await register.issuedBy(agencyOf(res.locals).agency, ID(req.params.id)), new Date()));
  });
  router.post('/api/v1/agencies/:code/register/entries/:id/revocation', agencyAuth, ...bodies, async (req, res) => {
    const { reason } = parseRevocation(json(req.body, req.is('application/json')));
    res.json(entryRepresentation(await register.revoke(agencyOf(res.locals).agency, ID(req.params.id), reason), new Date()));
  });
  router.post('/api/v1/agencies/:code/register/entries/:id/amendments', agencyAuth, ...bodies, async (req, res) => {
    const amendment = parseAmendment(json(req.body, req.is('application/json')));
    res.json(entryRepresentation(await register.amend(agencyOf(res.locals).agency, ID(req.params.id), amendment), new Date()));
  });
  return router;
}

function json(body: unknown, isJson: string | false | null): unknown {
  if (!isJson) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send application/json');
  return body;
}

function page(query: Record<string, unknown>): { limit: number; afterKey?: string } {
  for (const name of Object.keys(query)) {
    if (name !== 'limit' && name !== 'cursor') throw new DomainError('QUERY.UNKNOWN_PARAMETER', `${name} is not a parameter of this list`);
  }
  const limit = query.limit === undefined ? 20 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new DomainError('QUERY.INVALID_PARAMETER', 'limit must be a whole number from 1 to 100');
  if (query.cursor === undefined) return { limit };
  if (typeof query.cursor !== 'string' || query.cursor.length > 200)
    throw new DomainError('QUERY.INVALID_CURSOR', 'The cursor is not one this service returned');
  return { limit, afterKey: Buffer.from(query.cursor, 'base64url').toString('utf8') };
}
