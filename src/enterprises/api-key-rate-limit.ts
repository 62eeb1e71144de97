import type { RequestHandler } from 'express';
import { perMinuteLimit } from '../platform/http/per-minute-limit.js';
import { principalOf } from './enterprise-auth.js';

/**
 * Requests per minute per API key (after requireEnterprise), with the standard
 * RateLimit headers. Counts are kept per process: behind N api replicas a key may
 * make up to N times the limit unless a shared store is configured.
 */
export function apiKeyRateLimit(perMinute: number): RequestHandler {
  return perMinuteLimit({
    perMinute,
    key: (_req, res) => principalOf(res.locals).keyId,
    exceeded: () => `More than ${perMinute} requests in a minute with this API key; retry after the time in Retry-After`,
  });
}
