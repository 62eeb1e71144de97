import type { TradeDocument } from '../../kernel/document-record.js';
import type { Decide } from '../../lifecycle/lifecycle-service.js';
import { exchangesOf, type PartnerExchange } from './partner-exchange.js';

/** The lifecycle's one-document, version-guarded change (LifecycleService). */
export interface DocumentChanger {
  change<R>(documentId: string, decide: Decide<R>): Promise<{ document: TradeDocument; result: R; changed: boolean }>;
}

/**
 * Changes one exchange of a document through the lifecycle's guarded update, so
 * a transport status change is one atomic write of the document (re-decided if
 * anything else changed the document meanwhile).
 */
export class ExchangeRecorder {
  constructor(
    private readonly documents: DocumentChanger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `update` returns the exchange as it should be, or undefined to leave it; the result is the stored exchange or undefined. */
  async update(
    documentId: string,
    conversationId: string,
    actor: string,
    update: (exchange: PartnerExchange, now: Date) => PartnerExchange | undefined,
  ): Promise<PartnerExchange | undefined> {
    const { result } = await this.documents.change(documentId, (document) => {
      const exchanges = exchangesOf(document);
      const index = exchanges.findIndex((exchange) => exchange.conversationId === conversationId);
      const next = index === -1 ? undefined : update(exchanges[index]!, this.now());
      if (!next) return { result: undefined };
      return { change: { actor, set: { partnerExchanges: exchanges.with(index, next) } }, result: next };
    });
    return result;
  }
}
