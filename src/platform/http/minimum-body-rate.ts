import type { Request, RequestHandler, Response } from 'express';
import { ERROR_CODES } from '../../kernel/errors/error-codes.js';
import { HTTP_STATUS } from './http-status.js';
import { problemType, sendProblem } from './problem.js';

export interface BodyRate {
  /** Slowest average rate accepted once `graceMs` has passed. */
  minBytesPerSecond: number;
  graceMs: number;
}

/** How often the rate is looked at after the grace period. */
const CHECK_EVERY_MS = 1000;

/**
 * Cuts off a client that sends the body a route is reading slower than
 * `minBytesPerSecond` on average, once `graceMs` has passed: it is answered 408
 * problem+json and its connection is closed, instead of holding the connection
 * (and the parser's buffers) for as long as it likes. The bytes are counted on the
 * socket, so the body stream is left to the parsers untouched. Node's own
 * requestTimeout still bounds bodies no route reads.
 */
export function minimumBodyRate({ minBytesPerSecond, graceMs }: BodyRate): RequestHandler {
  return (req, res, next) => {
    if (req.complete || !announcesBody(req)) {
      next();
      return;
    }
    const { socket } = req;
    const bytesBefore = socket.bytesRead;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const stop = () => clearTimeout(timer);
    const check = () => {
      if (req.complete || res.headersSent || socket.destroyed) return;
      const seconds = (performance.now() - started) / 1000;
      if (socket.bytesRead - bytesBefore >= minBytesPerSecond * seconds) {
        timer = setTimeout(check, CHECK_EVERY_MS);
        return;
      }
      refuse(req, res, minBytesPerSecond);
    };
    timer = setTimeout(check, graceMs);
    req.once('end', stop);
    res.once('close', stop);
    next();
  };
}

function announcesBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function refuse(req: Request, res: Response, minBytesPerSecond: number): void {
  const code = 'REQUEST.BODY_TOO_SLOW';
  // Closing is the point: the rest of the body is not waited for.
  res.setHeader('Connection', 'close');
  sendProblem(res, {
    type: problemType(code),
    title: `The request body arrived slower than ${minBytesPerSecond} bytes per second`,
    status: HTTP_STATUS[ERROR_CODES[code].kind],
    code,
    instance: req.originalUrl.split('?')[0],
    requestId: res.locals.requestId as string | undefined,
    minBytesPerSecond,
  });
}
