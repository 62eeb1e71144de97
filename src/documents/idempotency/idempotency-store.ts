/** What a completed request answered, replayed to a retry with the same key and body. */
export interface StoredResponse {
  status: number;
  body: unknown;
  location?: string;
}

export interface IdempotencyRecord {
  /** `<enterpriseId>:<key>`: keys are scoped per enterprise. */
  id: string;
  /** Hash of the request (document type, format and body). */
  fingerprint: string;
  /**
   * One use of the key, from its first request until it expires: kept when a retry takes
   * over from a holder that stopped, new once the key expired. The work stores it with
   * what it creates, so a retry can find what a stopped holder had already done.
   */
  token: string;
  state: 'IN_FLIGHT' | 'COMPLETED';
  response?: StoredResponse;
  /** Until when the request in flight holds the key. */
  lockedUntil: Date;
  expiresAt: Date;
}

/** Persistence of Idempotency-Keys; the unique id makes `begin` the lock. */
export interface IdempotencyStore {
  /** Inserts the record, or returns the one holding the id already. */
  begin(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
  /** Replaces a record that expired or whose holder stopped (lock passed); false if someone else did first. */
  takeOver(record: IdempotencyRecord, now: Date): Promise<boolean>;
  complete(id: string, response: StoredResponse): Promise<void>;
  /** Frees the key of a request that failed, so the client may retry it. */
  release(id: string): Promise<void>;
}
