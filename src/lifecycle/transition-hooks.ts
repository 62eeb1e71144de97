import type { DocumentStatus, OutboxEntry, TradeDocument } from '../kernel/document-record.js';

/** What a hook adds to a transition: messages to publish and fields to set, in the same atomic update. */
export interface TransitionEffects {
  outbox?: OutboxEntry[];
  /**
   * Top-level or dotted paths of fields the hook's feature owns (e.g. `partnerExchanges`).
   * The lifecycle's own fields (status, version, history, outbox, routing, ...) are refused.
   */
  set?: Record<string, unknown>;
}

/**
 * Lets another feature react to a status change without a second write: the
 * lifecycle calls every hook while it builds the update, and writes the hooks'
 * outbox entries and fields together with the transition, so either all of it is
 * stored or none. `document` is the document as it will be after the change
 * (status already `to`). Hooks must be pure and quick: no I/O, no throwing for
 * business reasons (a hook that throws aborts the transition).
 */
export interface TransitionHook {
  onTransition(document: TradeDocument, from: DocumentStatus, to: DocumentStatus): TransitionEffects;
}
