import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency-store.js';

/** In-memory IdempotencyStore for fast service tests. */
export class FakeIdempotencyStore implements IdempotencyStore {
  readonly records = new Map<string, IdempotencyRecord>();

  async begin(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const held = this.records.get(record.id);
    if (held) return { ...held };
    this.records.set(record.id, { ...record });
    return undefined;
  }

  async takeOver(record: IdempotencyRecord, now: Date): Promise<boolean> {
    const held = this.records.get(record.id);
    if (held && held.expiresAt > now && !(held.state === 'IN_FLIGHT' && held.lockedUntil <= now)) return false;
    this.records.set(record.id, { ...record });
    return true;
  }

  async complete(id: string, response: StoredResponse): Promise<void> {
    const held = this.records.get(id);
    if (held) this.records.set(id, { ...held, state: 'COMPLETED', response });
  }

  async release(id: string): Promise<void> {
    if (this.records.get(id)?.state === 'IN_FLIGHT') this.records.delete(id);
  }
}
