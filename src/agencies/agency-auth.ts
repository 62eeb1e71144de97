import type { RequestHandler } from 'express';
import { DomainError } from '../kernel/errors/domain-error.js';
import { requireBearerKey } from '../platform/http/bearer-key-auth.js';
import { enrichContext } from '../platform/logging/request-context.js';
import type { AgencyKeyService, AgencyPrincipal } from './agency-key-service.js';

/**
 * Authenticates an agency key (`Authorization: Bearer swa_...`) and checks that it
 * belongs to the agency named in the path (`:code`): one agency never speaks for another.
 */
export function requireAgency(keys: Pick<AgencyKeyService, 'authenticate'>): RequestHandler {
  return requireBearerKey<AgencyPrincipal>({
    realm: 'single-window-agencies',
    keyOf: 'agency',
    authenticate: (key) => keys.authenticate(key),
    check: (principal, req) =>
      principal.agency === req.params.code
        ? undefined
        : new DomainError('AUTH.WRONG_AGENCY', `This key belongs to ${principal.agency}; it cannot act for another agency`),
    admit: (principal, res) => {
      res.locals.agency = principal;
      enrichContext({ agency: principal.agency });
    },
  });
}

export function agencyOf(locals: Record<string, unknown>): AgencyPrincipal {
  const principal = locals.agency as AgencyPrincipal | undefined;
  if (!principal) throw new Error('requireAgency must run before this handler');
  return principal;
}
