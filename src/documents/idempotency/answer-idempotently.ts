import type { Response } from 'express';
import type { IdempotencyGuard } from './idempotency-guard.js';
import type { StoredResponse } from './idempotency-store.js';

export interface IdempotentRequest {
  /** Whose keys these are: an enterprise id, `agency:<CODE>`. */
  scope: string;
  /** The request's Idempotency-Key (readIdempotencyKey), undefined without one. */
  key: string | undefined;
  /** What makes two requests the same (format, type, body); computed only with a key. */
  fingerprint: () => string;
}

/** What the work answers; `replayed` when it found its result stored by an earlier holder of the key. */
export type IdempotentOutcome = StoredResponse & { replayed?: boolean };

/**
 * The one Idempotency-Key rule of every endpoint that takes the header: same key and
 * same request, the first answer again (`Idempotent-Replayed: true`); same key and
 * another request, 422 IDEMPOTENCY.KEY_REUSED; while the first runs, 409
 * IDEMPOTENCY.IN_FLIGHT. Without a key the work just runs. `work` gets the key's
 * token (see IdempotencyRecord.token), undefined without a key.
 */
export async function answerIdempotently(
  res: Response,
  guard: IdempotencyGuard,
  request: IdempotentRequest,
  work: (token: string | undefined) => Promise<IdempotentOutcome>,
): Promise<void> {
  if (request.key === undefined) {
    send(res, await work(undefined));
    return;
  }
  const { response, replayed } = await guard.run(request.scope, request.key, request.fingerprint(), ({ token }) => work(token));
  if (replayed) res.setHeader('Idempotent-Replayed', 'true');
  send(res, response);
}

function send(res: Response, { status, body, location }: StoredResponse): void {
  if (location) res.location(location);
  res.status(status).json(body);
}
