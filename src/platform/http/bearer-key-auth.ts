import type { Request, RequestHandler, Response } from 'express';
import { DomainError } from '../../kernel/errors/domain-error.js';
import { bearerToken } from './bearer-token.js';

export interface BearerKeyAuthOptions<P> {
  realm: string;
  /** Whose key it is, in the refusals: "enterprise", "agency". */
  keyOf: 'enterprise' | 'agency';
  authenticate(key: string): Promise<P | undefined>;
  /** A further check of the authenticated principal against the request (e.g. the agency in the path). */
  check?(principal: P, req: Request): DomainError | undefined;
  /** Keeps the principal for the handlers and the log context. */
  admit(principal: P, res: Response): void;
}

/**
 * Authenticates `Authorization: Bearer <key>`. Unknown, malformed and revoked keys
 * get the same answer, so a caller learns nothing about which keys exist.
 */
export function requireBearerKey<P>(options: BearerKeyAuthOptions<P>): RequestHandler {
  return (req, res, next) => {
    const refuse = (error: DomainError) => {
      res.setHeader('WWW-Authenticate', `Bearer realm="${options.realm}"`);
      next(error);
    };
    const token = bearerToken(req);
    if (!token) {
      refuse(new DomainError('AUTH.MISSING_API_KEY', `An ${options.keyOf} API key is required as \`Authorization: Bearer <key>\``));
      return;
    }
    options.authenticate(token).then((principal) => {
      if (!principal) {
        refuse(new DomainError('AUTH.INVALID_API_KEY', `The ${options.keyOf} API key is not valid or has been revoked`));
        return;
      }
      const refusal = options.check?.(principal, req);
      if (refusal) {
        next(refusal);
        return;
      }
      options.admit(principal, res);
      next();
    }, next);
  };
}
