import type { RequestHandler } from 'express';
import { perMinuteLimit } from '../../platform/http/per-minute-limit.js';

/**
 * Messages per minute per partner country, taken before the body is read: a flood on
 * one partner's path (the partner's gateway misbehaving, or someone posing as it before
 * any signature is checked) costs neither parsing nor signature checks, and other
 * partners are not held up. Counted per process, like the enterprises' limit.
 */
export function partnerInboundRateLimit(perMinute: number): RequestHandler {
  return perMinuteLimit({
    perMinute,
    key: (req) => `partner:${String(req.params.country)}`,
    exceeded: (req) =>
      `More than ${perMinute} messages in a minute for partner ${String(req.params.country).slice(0, 8)}; retry after the time in Retry-After`,
  });
}
