import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { DomainError } from '../../kernel/errors/domain-error.js';

export interface PerMinuteLimit {
  perMinute: number;
  /** Whose requests are counted together. */
  key: (req: Request, res: Response) => string;
  /** The problem's detail when the limit is passed. */
  exceeded: (req: Request) => string;
}

/**
 * Requests per minute per key, counted in this process, with the standard RateLimit
 * headers; beyond the limit a 429 `RATE_LIMIT.EXCEEDED` problem with Retry-After.
 */
export function perMinuteLimit({ perMinute, key, exceeded }: PerMinuteLimit): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (req, _res, next) => next(new DomainError('RATE_LIMIT.EXCEEDED', exceeded(req))),
  });
}
