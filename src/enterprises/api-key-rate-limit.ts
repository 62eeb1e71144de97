import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../platform/http/app-error.js';
import { principalOf } from './enterprise-auth.js';

/**
 * Requests per minute per API key (after requireEnterprise), with the standard
 * RateLimit headers. Counts are kept per process: behind N api replicas a key may
 * make up to N times the limit unless a shared store is configured.
 */
export function apiKeyRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => principalOf(res.locals).keyId,
    handler: (_req, _res, next) => {
      next(new AppError('RATE_LIMIT.EXCEEDED', 429, `More than ${perMinute} requests in a minute with this API key; retry after the time in Retry-After`));
    },
  });
}
