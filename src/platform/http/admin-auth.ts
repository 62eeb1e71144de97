import type { RequestHandler } from 'express';
import { DomainError } from '../../kernel/errors/domain-error.js';
import { bearerToken, sameSecret } from './bearer-token.js';

/** Guards operator endpoints with the ADMIN_TOKEN bearer token. */
export function requireAdmin(adminToken: string): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) {
      next(new DomainError('AUTH.MISSING_TOKEN', 'An operator bearer token is required'));
      return;
    }
    if (!sameSecret(token, adminToken)) {
      next(new DomainError('AUTH.INVALID_TOKEN', 'The operator token is not valid'));
      return;
    }
    next();
  };
}
