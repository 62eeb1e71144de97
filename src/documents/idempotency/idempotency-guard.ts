import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '../../kernel/errors/domain-error.js';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency-store.js';

export interface IdempotencyOptions {
  ttlMs: number;
  lockMs: number;
  now?: () => Date;
}

/** What the guarded work is told: the key's current use (see IdempotencyRecord.token). */
export interface IdempotentWork {
  token: string;
}

/**
 * Idempotency-Key semantics of the IETF httpapi draft: the first request with a key
 * runs and its answer is kept; a retry with the same key and body gets that answer
 * again; the same key with another body is refused (422), and so is a retry while the
 * first is still running (409). A request that fails releases its key. A retry after
 * the holder stopped without finishing runs the work again with the holder's token,
 * so the work can answer with what the holder had already stored.
 */
export class IdempotencyGuard {
  private readonly now: () => Date;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly options: IdempotencyOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async run(
    scope: string,
    key: string,
    request: string,
    work: (use: IdempotentWork) => Promise<StoredResponse & { replayed?: boolean }>,
  ): Promise<{ response: StoredResponse; replayed: boolean }> {
    const id = `${scope}:${key}`;
    const fingerprint = createHash('sha256').update(request).digest('base64url');
    const acquired = await this.acquire(id, fingerprint);
    if ('replay' in acquired) return { response: acquired.replay, replayed: true };
    let outcome: StoredResponse & { replayed?: boolean };
    try {
      outcome = await work({ token: acquired.token });
    } catch (error) {
      await this.store.release(id);
      throw error;
    }
    const { replayed = false, ...response } = outcome;
    await this.store.complete(id, response);
    return { response, replayed };
  }

  /** Takes the key (its token to work with) or returns the answer to replay. */
  private async acquire(id: string, fingerprint: string): Promise<{ token: string } | { replay: StoredResponse }> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const now = this.now();
      const fresh: IdempotencyRecord = {
        id,
        fingerprint,
        token: randomUUID(),
        state: 'IN_FLIGHT',
        lockedUntil: new Date(now.getTime() + this.options.lockMs),
        expiresAt: new Date(now.getTime() + this.options.ttlMs),
      };
      const held = await this.store.begin(fresh);
      if (!held) return { token: fresh.token };
      if (held.expiresAt <= now) {
        if (await this.store.takeOver(fresh, now)) return { token: fresh.token };
        continue;
      }
      if (held.fingerprint !== fingerprint) {
        throw new DomainError(
          'IDEMPOTENCY.KEY_REUSED',
          'This Idempotency-Key was used for a different request; use a new key for a new request',
        );
      }
      if (held.state === 'IN_FLIGHT' && held.lockedUntil <= now) {
        // The holder stopped: this retry finishes its request, under the same use of the key.
        const resumed = { ...fresh, token: held.token, expiresAt: held.expiresAt };
        if (await this.store.takeOver(resumed, now)) return { token: held.token };
        continue;
      }
      if (held.state === 'IN_FLIGHT' || !held.response) {
        throw new DomainError('IDEMPOTENCY.IN_FLIGHT', 'A request with this Idempotency-Key is still being processed; retry later');
      }
      return { replay: held.response };
    }
    throw new DomainError('IDEMPOTENCY.IN_FLIGHT', 'A request with this Idempotency-Key is still being processed; retry later');
  }
}
