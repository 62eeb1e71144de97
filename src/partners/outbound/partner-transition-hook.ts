import { randomUUID } from 'node:crypto';
import type { DocumentStatus, TradeDocument } from '../../kernel/document-record.js';
import type { TransitionEffects, TransitionHook } from '../../lifecycle/transition-hooks.js';
import { newOutboxEntry } from '../../kernel/outbox-entry.js';
import { partnerQueue } from '../../kernel/contracts/amqp-names.js';
import type { Partner } from '../directory/partner.js';
import type { ProfileRegistry } from '../profiles/profile-registry.js';
import { outboundPartner } from './outbound-rules.js';
import { exchangesOf, type PartnerExchange } from './partner-exchange.js';

/** The body of a `sw.partner.<CC>.out` message: which exchange of which document to send. */
export interface PartnerSendJob {
  documentId: string;
  conversationId: string;
  country: string;
}

/**
 * When a document becomes APPROVED and the outbound rules name a partner, adds
 * the exchange (READY_TO_SEND) and its `sw.partner.<CC>.out` outbox entry in the
 * same atomic update as the approval: either both are stored or neither.
 */
export class PartnerTransitionHook implements TransitionHook {
  constructor(
    private readonly findPartner: (country: string) => Partner | undefined,
    private readonly profiles: ProfileRegistry,
    private readonly homeCountry: string,
  ) {}

  onTransition(document: TradeDocument, _from: DocumentStatus, to: DocumentStatus): TransitionEffects {
    if (to !== 'APPROVED') return {};
    const partner = outboundPartner(document, this.findPartner, this.profiles, this.homeCountry);
    if (!partner) return {};
    const now = document.updatedAt;
    const exchange: PartnerExchange = {
      conversationId: randomUUID(),
      messageId: randomUUID(),
      country: partner.country,
      profile: partner.profile,
      documentStatus: 'original',
      transportStatus: 'READY_TO_SEND',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      sentDigests: [],
      businessResponses: [],
      history: [{ at: now, status: 'READY_TO_SEND', attempt: 0 }],
    };
    const job: PartnerSendJob = { documentId: document.id, conversationId: exchange.conversationId, country: partner.country };
    const entry = newOutboxEntry(
      {
        exchange: '',
        routingKey: partnerQueue(partner.country),
        type: 'partner.send',
        contentType: 'application/json',
        body: JSON.stringify(job),
        messageId: exchange.messageId,
      },
      now,
    );
    return { outbox: [entry], set: { partnerExchanges: [...exchangesOf(document), exchange] } };
  }
}
