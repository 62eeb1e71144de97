import express, { type Request, type RequestHandler, type Response } from 'express';
import { DomainError } from '../../kernel/errors/domain-error.js';
import type { Config } from '../config/config.js';
import { jsonDepthExceeds } from './json-depth.js';

export type BodyLimits = Pick<Config, 'bodyLimitBytes' | 'jsonMaxDepth'>;

/**
 * Request body parsers, for routes to put after their authentication: a caller who is
 * not let in never gets the service to read and parse up to `bodyLimitBytes`. JSON becomes
 * objects, once its nesting is known to be within `jsonMaxDepth` (every walk after
 * parsing can then rely on it); XML stays text for the codec. Other media types leave
 * the body unread.
 */
export function bodyParsers(limits: BodyLimits): RequestHandler[] {
  return [
    express.json({ limit: limits.bodyLimitBytes, type: ['application/json', 'application/*+json'], verify: refuseDeepJson(limits.jsonMaxDepth) }),
    express.text({ limit: limits.bodyLimitBytes, type: ['application/xml', 'text/xml', 'application/*+xml'] }),
  ];
}

function refuseDeepJson(maxDepth: number) {
  return (_req: Request, _res: Response, body: Buffer, charset: string): void => {
    if (jsonDepthExceeds(utf8(body, charset), maxDepth)) {
      throw new DomainError('JSON.TOO_DEEP', `The JSON body nests objects and arrays deeper than ${maxDepth} levels`, { details: { maxDepth } });
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
