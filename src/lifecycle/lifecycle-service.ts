import type { DocumentStatus, HistoryEntry, OutboxEntry, TradeDocument } from '../kernel/document-record.js';
import type { OutboxSignal } from '../outbox/outbox-signal.js';
import { DomainError, notFound } from '../kernel/errors/domain-error.js';
import { assertTransition } from '../kernel/lifecycle.js';
import type { LifecycleStore, StoredChange } from './lifecycle-store.js';
import { statusEvent } from './status-event.js';
import type { TransitionHook } from './transition-hooks.js';

/** What a use case wants to change, decided from the document as it is now. */
export interface ChangeRequest {
  /** The new status; no transition when absent or equal to the current one. */
  to?: DocumentStatus;
  actor: string;
  reason?: string;
  /** Fields of the document to set (the caller's feature owns them). */
  set?: Record<string, unknown>;
  push?: Record<string, unknown[]>;
  outbox?: OutboxEntry[];
}

/** Decides the change from the current document, and what to answer; no `change`: nothing to write (e.g. a duplicate). */
export type Decide<R> = (document: TradeDocument) => { change?: ChangeRequest; result: R };

/** Fields only the lifecycle writes; hooks cannot set them. */
const RESERVED = ['_id', 'id', 'status', 'version', 'history', 'outbox', 'updatedAt', 'routing', 'data', 'enterpriseId', 'type'];
const MAX_ATTEMPTS = 10;

/**
 * Applies state changes to documents: decide from the current document, check the
 * transition against the allowed table, append history and the `document.<STATUS>`
 * event, let the transition hooks add their outbox entries and fields, and write it
 * all as one update guarded by the document's version (re-deciding on a conflict).
 */
export class LifecycleService {
  constructor(
    private readonly store: LifecycleStore,
    private readonly hooks: TransitionHook[],
    private readonly signal: OutboxSignal,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The document as stored now, for a use case that must prepare before it decides (undefined: none). */
  get(documentId: string): Promise<TradeDocument | undefined> {
    return this.store.get(documentId);
  }

  async change<R>(documentId: string, decide: Decide<R>): Promise<{ document: TradeDocument; result: R; changed: boolean }> {
    for (let attempt = 1; ; attempt += 1) {
      const document = await this.store.get(documentId);
      if (!document) throw notFound('The document', 'DOCUMENT.NOT_FOUND');
      const { change, result } = decide(document);
      if (!change) return { document, result, changed: false };
      const { stored, after } = this.build(document, change);
      if (await this.store.apply(documentId, document.version, stored)) {
        if (stored.outbox.length > 0) this.signal.notify(documentId, stored.outbox);
        return { document: after, result, changed: true };
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new DomainError('DOCUMENT.BUSY', 'The document is being changed by others; try again', { details: { documentId } });
      }
    }
  }

  private build(document: TradeDocument, change: ChangeRequest): { stored: StoredChange; after: TradeDocument } {
    const at = this.now();
    const set: Record<string, unknown> = { ...change.set, updatedAt: at };
    const history: HistoryEntry[] = [];
    const outbox = [...(change.outbox ?? [])];
    let after: TradeDocument = { ...document, ...(change.set as Partial<TradeDocument>), updatedAt: at };
    const from = document.status;
    if (change.to && change.to !== from) {
      assertTransition(from, change.to);
      const entry: HistoryEntry = { at, actor: change.actor, from, to: change.to, ...(change.reason ? { reason: change.reason } : {}) };
      history.push(entry);
      outbox.push(statusEvent(document, entry));
      set.status = change.to;
      after = { ...after, status: change.to };
      for (const hook of this.hooks) {
        const effects = hook.onTransition(after, from, change.to);
        for (const [path, value] of Object.entries(effects.set ?? {})) {
          if (RESERVED.includes(path.split('.')[0]!)) throw new Error(`a transition hook may not set ${path}`);
          set[path] = value;
        }
        outbox.push(...(effects.outbox ?? []));
      }
    }
    const pushed = Object.fromEntries(
      Object.entries(change.push ?? {}).map(([field, values]) => [
        field,
        [...(((document as unknown as Record<string, unknown>)[field] as unknown[]) ?? []), ...values],
      ]),
    );
    after = {
      ...after,
      ...pushed,
      version: document.version + 1,
      history: [...document.history, ...history],
      outbox: [...document.outbox, ...outbox],
    };
    return { stored: { set, history, outbox, ...(change.push ? { push: change.push } : {}) }, after };
  }
}
