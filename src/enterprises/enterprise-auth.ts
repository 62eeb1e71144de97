import type { RequestHandler } from 'express';
import { DomainError } from '../kernel/errors/domain-error.js';
import { bearerToken } from '../platform/http/bearer-token.js';
import { enrichContext } from '../platform/logging/request-context.js';
import type { EnterprisePrincipal } from './enterprise.js';
import type { EnterpriseService } from './enterprise-service.js';

/**
 * Authenticates `Authorization: Bearer <api key>`. On success the caller is on
 * `res.locals.enterprise` ({enterpriseId, keyId}) and in every later log line.
 * Unknown, malformed and revoked keys get the same answer, so a caller learns nothing
 * about which keys exist.
 */
export function requireEnterprise(enterprises: Pick<EnterpriseService, 'authenticate'>): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    const refuse = (error: DomainError) => {
      res.setHeader('WWW-Authenticate', 'Bearer realm="single-window"');
      next(error);
    };
    if (!token) {
      refuse(new DomainError('AUTH.MISSING_API_KEY', 'An enterprise API key is required as `Authorization: Bearer <key>`'));
      return;
    }
    enterprises.authenticate(token).then((principal) => {
      if (!principal) {
        refuse(new DomainError('AUTH.INVALID_API_KEY', 'The API key is not valid or has been revoked'));
        return;
      }
      res.locals.enterprise = principal;
      enrichContext({ enterpriseId: principal.enterpriseId });
      next();
    }, next);
  };
}

/** The authenticated enterprise of a request that passed requireEnterprise. */
export function principalOf(locals: Record<string, unknown>): EnterprisePrincipal {
  const principal = locals.enterprise as EnterprisePrincipal | undefined;
  if (!principal) throw new Error('requireEnterprise must run before this handler');
  return principal;
}
