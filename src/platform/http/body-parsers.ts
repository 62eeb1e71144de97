import express, { type Request, type RequestHandler, type Response } from 'express';
import { cutShort } from '../../kernel/errors/cut-short.js';
import { DomainError } from '../../kernel/errors/domain-error.js';
import type { Config } from '../config/config.js';
import { jsonDepthExceeds } from './json-depth.js';
import { minimumBodyRate } from './minimum-body-rate.js';

export type BodyLimits = Pick<Config, 'bodyLimitBytes' | 'jsonMaxDepth' | 'httpMinBodyBytesPerSecond' | 'httpBodyGraceMs'>;

/**
 * Request body parsers, for routes to put after their authentication: a caller who is
 * not let in never gets the service to read and parse up to `bodyLimitBytes`. JSON becomes
 * objects, once its nesting is known to be within `jsonMaxDepth` (every walk after
 * parsing can then rely on it); XML stays text for the codec. Other media types leave
 * the body unread. Bodies are decompressed as their Content-Encoding says (gzip,
 * deflate, br), the limit counting the decompressed bytes; a body arriving too slowly
 * is answered 408.
 */
export function bodyParsers(limits: BodyLimits): RequestHandler[] {
  return [
    minimumBodyRate({ minBytesPerSecond: limits.httpMinBodyBytesPerSecond, graceMs: limits.httpBodyGraceMs }),
    decoding(
      express.json({
        limit: limits.bodyLimitBytes,
        type: ['application/json', 'application/*+json'],
        verify: refuseDeepJson(limits.jsonMaxDepth),
      }),
    ),
    decoding(express.text({ limit: limits.bodyLimitBytes, type: ['application/xml', 'text/xml', 'application/*+xml'] })),
    answeredAlready,
  ];
}

/**
 * A body the decompressor could not read (not gzip at all, cut short, corrupt) is the
 * client's mistake: body-parser passes zlib's error on without a type of its own,
 * which would otherwise answer 500.
 */
function decoding(parser: RequestHandler): RequestHandler {
  return (req, res, next) => {
    parser(req, res, (error?: unknown) => {
      const encoding = req.headers['content-encoding'];
      const undecodable = error instanceof Error && !('type' in error) && encoding !== undefined && encoding.toLowerCase() !== 'identity';
      next(
        undecodable
          ? new DomainError('REQUEST.MALFORMED_ENCODING', `The request body could not be decoded as ${cutShort(encoding)}`, {
              cause: error,
            })
          : error,
      );
    });
  };
}

function refuseDeepJson(maxDepth: number) {
  return (_req: Request, _res: Response, body: Buffer, charset: string): void => {
    if (jsonDepthExceeds(utf8(body, charset), maxDepth)) {
      throw new DomainError('JSON.TOO_DEEP', `The JSON body nests objects and arrays deeper than ${maxDepth} levels`, {
        details: { maxDepth },
      });
    }
  };
}

/** The body as UTF-8 bytes, which the depth scan reads; JSON in UTF-16 is rare but allowed by the parser. */
function utf8(body: Buffer, charset: string): Uint8Array {
  const name = charset.toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return body;
  try {
    return Buffer.from(new TextDecoder(name).decode(body), 'utf8');
  } catch {
    throw Object.assign(new Error(`unsupported charset "${name.slice(0, 32)}"`), { type: 'charset.unsupported' });
  }
}

/** A body that arrived too slowly has been answered while the parsers waited for it: the route must not run. */
const answeredAlready: RequestHandler = (_req, res, next) => {
  if (!res.headersSent) next();
};
