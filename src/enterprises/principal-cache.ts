import type { EnterprisePrincipal } from './enterprise.js';

interface Entry {
  principal: EnterprisePrincipal;
  until: number;
}

/**
 * Keys checked recently, by the hash of the key (never the key itself), so a busy
 * client does not cost a database read per request. Bounded: the oldest entry goes
 * first when it is full.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(hash: string, now: number): EnterprisePrincipal | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.principal;
    this.entries.delete(hash);
    return undefined;
  }

  set(hash: string, principal: EnterprisePrincipal, now: number): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hash, { principal, until: now + this.ttlMs });
  }

  forgetKey(keyId: string): void {
    for (const [hash, entry] of this.entries) if (entry.principal.keyId === keyId) this.entries.delete(hash);
  }
}
