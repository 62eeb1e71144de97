import { createHash } from 'node:crypto';
import { AppError } from '../../platform/http/app-error.js';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency-store.js';

export interface IdempotencyOptions {
  ttlMs: number;
  lockMs: number;
  now?: () => Date;
}

/**
 * Idempotency-Key semantics of the IETF httpapi draft: the first request with a key
 * runs and its answer is kept; a retry with the same key and body gets that answer
 * again; the same key with another body is refused (422), and so is a retry while the
 * first is still running (409). A request that fails releases its key.
 */
export class IdempotencyGuard {
  private readonly now: () => Date;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly options: IdempotencyOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async run(scope: string, key: string, request: string, work: () => Promise<StoredResponse>): Promise<{ response: StoredResponse; replayed: boolean }> {
    const id = `${scope}:${key}`;
    const fingerprint = createHash('sha256').update(request).digest('base64url');
    const existing = await this.acquire(id, fingerprint);
    if (existing) return { response: existing, replayed: true };
    let response: StoredResponse;
    try {
      response = await work();
    } catch (error) {
      await this.store.release(id);
      throw error;
    }
    await this.store.complete(id, response);
    return { response, replayed: false };
  }

  /** Takes the key (undefined) or returns the answer to replay. */
  private async acquire(id: string, fingerprint: string): Promise<StoredResponse | undefined> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const now = this.now();
      const fresh: IdempotencyRecord = {
        id,
        fingerprint,
        state: 'IN_FLIGHT',
        lockedUntil: new Date(now.getTime() + this.options.lockMs),
        expiresAt: new Date(now.getTime() + this.options.ttlMs),
      };
      const held = await this.store.begin(fresh);
      if (!held) return undefined;
      const abandoned = held.expiresAt <= now || (held.state === 'IN_FLIGHT' && held.lockedUntil <= now);
      if (abandoned) {
        if (await this.store.takeOver(fresh, now)) return undefined;
        continue;
      }
      if (held.fingerprint !== fingerprint) {
        throw new AppError('IDEMPOTENCY.KEY_REUSED', 422, 'This Idempotency-Key was used for a different request; use a new key for a new request');
      }
      if (held.state === 'IN_FLIGHT' || !held.response) {
        throw new AppError('IDEMPOTENCY.IN_FLIGHT', 409, 'A request with this Idempotency-Key is still being processed; retry later');
      }
      return held.response;
    }
    throw new AppError('IDEMPOTENCY.IN_FLIGHT', 409, 'A request with this Idempotency-Key is still being processed; retry later');
  }
}
