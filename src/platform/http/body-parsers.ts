import express, { type RequestHandler } from 'express';

/**
 * Request body parsers, for routes to put after their authentication: a caller who is
 * not let in never gets the service to read and parse up to `limitBytes`. JSON becomes
 * objects; XML stays text for the codec. Other media types leave the body unread.
 */
export function bodyParsers(limitBytes: number): RequestHandler[] {
  return [
    express.json({ limit: limitBytes, type: ['application/json', 'application/*+json'] }),
    express.text({ limit: limitBytes, type: ['application/xml', 'text/xml', 'application/*+xml'] }),
  ];
}
