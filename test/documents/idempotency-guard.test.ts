import { expect } from 'chai';
import { FakeIdempotencyStore } from '../../src/documents/idempotency/fake-idempotency-store.js';
import { IdempotencyGuard } from '../../src/documents/idempotency/idempotency-guard.js';
import { DomainError } from '../../src/kernel/errors/domain-error.js';

describe('IdempotencyGuard (with a fake store and clock)', () => {
  let now = new Date('2026-03-02T08:00:00Z');
  const store = new FakeIdempotencyStore();
  const guard = new IdempotencyGuard(store, { ttlMs: 24 * 3_600_000, lockMs: 60_000, now: () => now });
  const accepted = (id: string) => async () => ({ status: 202, body: { id }, location: `/api/v1/documents/${id}` });
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
    );

  it('answers a concurrent retry with IN_FLIGHT while the first request runs, then replays its answer', async () => {
    let finish!: () => void;
    const first = guard.run('e-1', 'k-1', 'body', async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return accepted('d-1')();
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await codeOf(guard.run('e-1', 'k-1', 'body', accepted('d-2')))).to.equal('IDEMPOTENCY.IN_FLIGHT');
    finish();
    expect((await first).replayed).to.equal(false);
    expect(await guard.run('e-1', 'k-1', 'body', accepted('d-3'))).to.deep.equal({
      response: { status: 202, body: { id: 'd-1' }, location: '/api/v1/documents/d-1' },
      replayed: true,
    });
  });

  it('refuses the key for another body and forgets it after the TTL', async () => {
    await guard.run('e-1', 'k-2', 'body A', accepted('d-4'));
    expect(await codeOf(guard.run('e-1', 'k-2', 'body B', accepted('d-5')))).to.equal('IDEMPOTENCY.KEY_REUSED');
    now = new Date(now.getTime() + 25 * 3_600_000);
    expect((await guard.run('e-1', 'k-2', 'body B', accepted('d-6'))).response.body).to.deep.equal({ id: 'd-6' });
  });

  it('runs the work again under the same token when the holder stopped, and under a new one once the key expired', async () => {
    const tokens: string[] = [];
    const remember =
      (id: string) =>
      async ({ token }: { token: string }) => {
        tokens.push(token);
        return accepted(id)();
      };
    await guard.run('e-1', 'k-4', 'body', remember('d-7'));
    // The holder stops without recording its answer: its lock passes.
    store.records.set('e-1:k-4', { ...store.records.get('e-1:k-4')!, state: 'IN_FLIGHT', lockedUntil: new Date(now.getTime() - 1) });
    delete store.records.get('e-1:k-4')!.response;
    await guard.run('e-1', 'k-4', 'body', remember('d-8'));
    now = new Date(now.getTime() + 25 * 3_600_000);
    await guard.run('e-1', 'k-4', 'body', remember('d-9'));
    expect(tokens[1]).to.equal(tokens[0]);
    expect(tokens[2]).not.to.equal(tokens[0]);
  });

  it('reports a replay the work found itself, and records its answer for later retries', async () => {
    const found = await guard.run('e-1', 'k-5', 'body', async () => ({ ...(await accepted('d-10')()), replayed: true }));
    expect(found).to.deep.equal({ response: { status: 202, body: { id: 'd-10' }, location: '/api/v1/documents/d-10' }, replayed: true });
    expect((await guard.run('e-1', 'k-5', 'body', accepted('d-11'))).response.body).to.deep.equal({ id: 'd-10' });
  });

  it('releases the key when the work fails', async () => {
    expect(await codeOf(guard.run('e-1', 'k-3', 'body', () => Promise.reject(new DomainError('VALIDATION.FAILED', 'invalid'))))).to.equal(
      'VALIDATION.FAILED',
    );
    expect(store.records.has('e-1:k-3')).to.equal(false);
  });
});
