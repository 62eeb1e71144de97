import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../../kernel/errors/domain-error.js';
import { ERROR_CODES, type ErrorCode } from '../../kernel/errors/error-codes.js';
import { logger } from '../logging/logger.js';
import { HTTP_STATUS } from './http-status.js';
import { DEFAULT_MAX_LIST_ITEMS, problemType, sendProblem, type Problem } from './problem.js';

/** Errors raised by body parsers and other middleware, translated to stable codes. */
const MIDDLEWARE_ERRORS: Record<string, { code: ErrorCode; title: string }> = {
  'entity.too.large': { code: 'REQUEST.BODY_TOO_LARGE', title: 'The request body is larger than the limit' },
  'entity.parse.failed': { code: 'REQUEST.MALFORMED_JSON', title: 'The request body is not valid JSON' },
  'encoding.unsupported': { code: 'REQUEST.UNSUPPORTED_ENCODING', title: 'The request body encoding is not supported' },
  'charset.unsupported': { code: 'REQUEST.UNSUPPORTED_CHARSET', title: 'The request body charset is not supported' },
  'request.aborted': { code: 'REQUEST.ABORTED', title: 'The request was aborted by the client' },
  'request.size.invalid': { code: 'REQUEST.SIZE_MISMATCH', title: 'The request body does not match its Content-Length' },
};

/** The Content-Encodings the body parsers decode (body-parser's; zstd needs a newer Node). */
const DECODED_ENCODINGS = 'gzip, deflate, br';

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new DomainError('ROUTE.NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

/**
 * The last middleware: every error leaves as problem+json, its lists cut to
 * `maxListItems` (see sendProblem). Messages of errors we did not raise on purpose
 * stay in the log; the client gets only the request id.
 */
export function errorHandler(maxListItems = DEFAULT_MAX_LIST_ITEMS): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      // Answered already (a body that arrived too slowly): what its parser says afterwards changes nothing.
      if (!res.writableEnded) next(error);
      return;
    }
    const requestId = res.locals.requestId as string | undefined;
    const instance = req.originalUrl.split('?')[0];
    const send = (problem: Problem) => sendProblem(res, problem, maxListItems);
    if (error instanceof DomainError) {
      const status = HTTP_STATUS[error.kind];
      if (status >= 500) logger.error('request failed', { code: error.code, err: error, cause: error.cause });
      send({ ...error.details, type: problemType(error.code), title: error.message, status, code: error.code, instance, requestId });
      return;
    }
    const known = middlewareError(error);
    if (known) {
      const status = HTTP_STATUS[ERROR_CODES[known.code].kind];
      // RFC 7694: a 415 for a content coding names the ones that would do.
      if (known.code === 'REQUEST.UNSUPPORTED_ENCODING') res.setHeader('Accept-Encoding', DECODED_ENCODINGS);
      send({ type: problemType(known.code), title: known.title, status, code: known.code, instance, requestId });
      return;
    }
    logger.error('unexpected error', { err: error instanceof Error ? { message: error.message, stack: error.stack } : error });
    send({
      type: problemType('INTERNAL.UNEXPECTED'),
      title: 'The service could not complete the request; quote the request id when reporting it',
      status: 500,
      code: 'INTERNAL.UNEXPECTED',
      instance,
      requestId,
    });
  };
}

function middlewareError(error: unknown): { code: ErrorCode; title: string } | undefined {
  const { type } = error as { type?: unknown };
  return typeof type === 'string' ? MIDDLEWARE_ERRORS[type] : undefined;
}
