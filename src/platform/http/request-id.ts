import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { logger } from '../logging/logger.js';
import { runWithContext, type RequestContext } from '../logging/request-context.js';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the caller's X-Request-Id when it is sane, otherwise makes one; echoes it
 * back, runs the rest of the request inside a logging context that carries it, and
 * writes one access line per request when the response is finished.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const offered = req.get('x-request-id');
  const id = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  res.setHeader('X-Request-Id', id);
  res.locals.requestId = id;
  const context: RequestContext = { requestId: id };
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    // Skipped when info lines are filtered out anyway: this runs for every request.
    if (!logger.isInfoEnabled()) return;
    // 'finish' runs outside the request's async context: pass the context explicitly.
    logger.info('request handled', {
      ...context,
      method: req.method,
      path: req.originalUrl.split('?')[0],
      status: res.statusCode,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
    });
  });
  runWithContext(context, () => next());
};
