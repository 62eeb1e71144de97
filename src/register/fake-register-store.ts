import type { RegisterEntry, RegisterMovement } from './register-entry.js';
import type { GuardedChange, RegisterFilter, RegisterStore } from './register-store.js';

/** In-memory RegisterStore for fast service tests, with the same conditions as the mongo adapter; `entries` is open for inspection. */
export class FakeRegisterStore implements RegisterStore {
  readonly entries = new Map<string, RegisterEntry>();

  async insert(entry: RegisterEntry): Promise<boolean> {
    if ([...this.entries.values()].some((e) => e.key === entry.key)) return false;
    this.entries.set(entry.id, structuredClone(entry));
    return true;
  }

  async get(id: string): Promise<RegisterEntry | undefined> {
    const entry = this.entries.get(id);
    return entry && structuredClone(entry);
  }

  async findByKeys(keys: string[]): Promise<RegisterEntry[]> {
    return [...this.entries.values()].filter((e) => keys.includes(e.key)).map((e) => structuredClone(e));
  }

  async list(filter: RegisterFilter, page: { limit: number; afterKey?: string }): Promise<RegisterEntry[]> {
    return [...this.entries.values()]
      .filter(
        (e) =>
          (filter.enterpriseId === undefined || e.enterpriseId === filter.enterpriseId) &&
          (filter.issuingAgency === undefined || e.issuingAgency === filter.issuingAgency),
      )
      .filter((e) => page.afterKey === undefined || e.key > page.afterKey)
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .slice(0, page.limit)
      .map((e) => structuredClone(e));
  }

  async draw(id: string, draw: RegisterMovement): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry || entry.status !== 'VALID' || entry.activeDraws[draw.declarationId] !== undefined) return false;
    const line = (n: number) => entry.goods[n - 1]!;
    if (!draw.lines.every((l) => (line(l.line).remainingThousandths ?? -1) >= l.thousandths)) return false;
    for (const l of draw.lines) line(l.line).remainingThousandths! -= l.thousandths;
    entry.activeDraws[draw.declarationId] = draw.id;
    entry.movements.push(structuredClone(draw));
    entry.version += 1;
    return true;
  }

  async change(id: string, version: number, change: GuardedChange): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry || entry.version !== version) return false;
    Object.assign(entry, change.set ?? {});
    for (const { line, remaining, granted } of change.balances ?? []) {
      entry.goods[line - 1]!.remainingThousandths! += remaining;
      if (granted !== undefined) entry.goods[line - 1]!.grantedThousandths! += granted;
    }
    if (change.releaseDraw !== undefined) delete entry.activeDraws[change.releaseDraw];
    entry.movements.push(...structuredClone(change.movements ?? []));
    entry.changes.push(...structuredClone(change.changes ?? []));
    entry.version += 1;
    return true;
  }
}
