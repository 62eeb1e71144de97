import type { TradeDocument } from '../kernel/document-record.js';
import type { LifecycleStore, StoredChange } from './lifecycle-store.js';

/** In-memory LifecycleStore for fast service tests; `documents` is open for seeding and inspection. */
export class FakeLifecycleStore implements LifecycleStore {
  readonly documents = new Map<string, TradeDocument>();

  async get(id: string): Promise<TradeDocument | undefined> {
    const document = this.documents.get(id);
    return document && structuredClone(document);
  }

  async apply(id: string, version: number, change: StoredChange): Promise<boolean> {
    const current = this.documents.get(id);
    if (!current || current.version !== version) return false;
    const next = structuredClone(current) as unknown as Record<string, unknown>;
    for (const [path, value] of Object.entries(change.set)) setPath(next, path, structuredClone(value));
    for (const [field, values] of Object.entries(change.push ?? {})) next[field] = [...((next[field] as unknown[]) ?? []), ...values];
    const document = next as unknown as TradeDocument;
    document.history = [...document.history, ...change.history];
    document.outbox = [...document.outbox, ...change.outbox];
    document.version = version + 1;
    this.documents.set(id, document);
    return true;
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}
