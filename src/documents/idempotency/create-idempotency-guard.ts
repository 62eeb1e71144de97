import type { Connection } from 'mongoose';
import type { Config } from '../../platform/config/config.js';
import { IdempotencyGuard } from './idempotency-guard.js';
import { MongoIdempotencyStore } from './mongo-idempotency-store.js';

/** The Idempotency-Key guard every endpoint taking the header uses, on the shared `idempotency_keys` collection. */
export async function createIdempotencyGuard(
  connection: Connection,
  config: Pick<Config, 'idempotencyTtlHours' | 'idempotencyLockSeconds'>,
): Promise<IdempotencyGuard> {
  return new IdempotencyGuard(await MongoIdempotencyStore.create(connection), {
    ttlMs: config.idempotencyTtlHours * 3_600_000,
    lockMs: config.idempotencyLockSeconds * 1000,
  });
}
