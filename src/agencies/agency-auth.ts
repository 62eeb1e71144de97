import type { RequestHandler } from 'express';
import { DomainError } from '../kernel/errors/domain-error.js';
import { bearerToken } from '../platform/http/bearer-token.js';
import { enrichContext } from '../platform/logging/request-context.js';
import type { AgencyKeyService, AgencyPrincipal } from './agency-key-service.js';

/**
 * Authenticates an agency key (`Authorization: Bearer swa_...`) and checks that it
 * belongs to the agency named in the path (`:code`): one agency never speaks for another.
 */
export function requireAgency(keys: Pick<AgencyKeyService, 'authenticate'>): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    const refuse = (error: DomainError) => {
      res.setHeader('WWW-Authenticate', 'Bearer realm="single-window-agencies"');
      next(error);
    };
    if (!token) {
      refuse(new DomainError('AUTH.MISSING_API_KEY', 'An agency API key is required as `Authorization: Bearer <key>`'));
      return;
    }
    keys.authenticate(token).then((principal) => {
      if (!principal) {
        refuse(new DomainError('AUTH.INVALID_API_KEY', 'The agency API key is not valid or has been revoked'));
        return;
      }
      if (principal.agency !== req.params.code) {
        next(new DomainError('AUTH.WRONG_AGENCY', `This key belongs to ${principal.agency}; it cannot act for another agency`));
        return;
      }
      res.locals.agency = principal;
      enrichContext({ agency: principal.agency });
      next();
    }, next);
  };
}

export function agencyOf(locals: Record<string, unknown>): AgencyPrincipal {
  const principal = locals.agency as AgencyPrincipal | undefined;
  if (!principal) throw new Error('requireAgency must run before this handler');
  return principal;
}
