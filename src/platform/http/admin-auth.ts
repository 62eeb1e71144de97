import type { RequestHandler } from 'express';
import { AppError } from './app-error.js';
import { bearerToken, sameSecret } from './bearer-token.js';

/** Guards operator endpoints with the ADMIN_TOKEN bearer token. */
export function requireAdmin(adminToken: string): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) {
      next(new AppError('AUTH.MISSING_TOKEN', 401, 'An operator bearer token is required'));
      return;
    }
    if (!sameSecret(token, adminToken)) {
      next(new AppError('AUTH.INVALID_TOKEN', 401, 'The operator token is not valid'));
      return;
    }
    next();
  };
}
