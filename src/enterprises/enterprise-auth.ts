import type { RequestHandler } from 'express';
import { requireBearerKey } from '../platform/http/bearer-key-auth.js';
import { enrichContext } from '../platform/logging/request-context.js';
import type { EnterprisePrincipal } from './enterprise.js';
import type { EnterpriseService } from './enterprise-service.js';

/**
 * Authenticates `Authorization: Bearer <api key>`. On success the caller is on
 * `res.locals.enterprise` ({enterpriseId, keyId}) and in every later log line.
 */
export function requireEnterprise(enterprises: Pick<EnterpriseService, 'authenticate'>): RequestHandler {
  return requireBearerKey<EnterprisePrincipal>({
    realm: 'single-window',
    keyOf: 'enterprise',
    authenticate: (key) => enterprises.authenticate(key),
    admit: (principal, res) => {
      res.locals.enterprise = principal;
      enrichContext({ enterpriseId: principal.enterpriseId });
    },
  });
}

/** The authenticated enterprise of a request that passed requireEnterprise. */
export function principalOf(locals: Record<string, unknown>): EnterprisePrincipal {
  const principal = locals.enterprise as EnterprisePrincipal | undefined;
  if (!principal) throw new Error('requireEnterprise must run before this handler');
  return principal;
}
