import type { Logger } from '../../platform/logging/logger.js';
import { dispositionOf } from '../../platform/messaging/error-disposition.js';
import { DomainError } from '../../kernel/errors/domain-error.js';
import type { Worker } from '../../platform/service-context.js';
import type { ExchangeRecorder } from '../outbound/exchange-recorder.js';
import type { PartnerDocumentFinder } from '../outbound/partner-document-finder.js';
import { partnerOwner, type InboundDocumentIntake } from './inbound-document-intake.js';
import type { InboundMessage } from './inbound-message.js';
import type { InboundMessageStore } from './inbound-message-store.js';

export interface ProcessorOptions {
  leaseMs: number;
  maxAttempts: number;
  sweepIntervalMs: number;
}

/**
 * Works off stored inbound messages: a document is submitted like an enterprise's
 * (and so routed by the routing rules), a business response is recorded on the
 * exchange it answers. Runs right after the receipt is sent, and again from the
 * partner-gateway role's sweep for anything a crash left behind.
 */
export class InboundProcessor {
  constructor(
    private readonly store: InboundMessageStore,
    private readonly intake: InboundDocumentIntake,
    private readonly finder: PartnerDocumentFinder,
    private readonly exchanges: ExchangeRecorder,
    private readonly options: ProcessorOptions,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Processes one message if it is still waiting and nobody holds it; false when there was nothing to do. */
  async processOne(id?: string): Promise<boolean> {
    const now = this.now();
    const message = await this.store.claim(now, new Date(now.getTime() + this.options.leaseMs), id);
    if (!message) return false;
    try {
      const documentId = message.kind === 'document' ? await this.route(message) : await this.applyBusinessResponse(message);
      await this.store.markProcessed(message.id, documentId, this.now());
    } catch (error) {
      const final = message.attempts >= this.options.maxAttempts || dispositionOf(error) === 'dead-letter';
      this.logger.error('inbound partner message not processed', {
        partner: message.from,
        messageId: message.messageId,
        final,
        reason: (error as Error).message,
      });
      const retryAt = new Date(this.now().getTime() + this.options.leaseMs);
      await this.store.markFailed(message.id, (error as Error).message, retryAt, final);
    }
    return true;
  }

  /** The partner-gateway role's sweep over messages left RECEIVED. */
  start(): Worker {
    let stopped = false;
    let wake: (() => void) | undefined;
    const loop = (async () => {
      while (!stopped) {
        try {
          while (!stopped && (await this.processOne()));
        } catch (error) {
          this.logger.warn('inbound partner sweep failed; retrying', { reason: (error as Error).message });
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, this.options.sweepIntervalMs).unref();
        });
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        wake?.();
        await loop;
      },
    };
  }

  private async route(message: InboundMessage): Promise<string> {
    // A crash between submitting and marking leaves the document behind: find it instead of submitting twice.
    const existing = await this.finder.byInboundMessage(message.from, message.messageId);
    if (existing) return existing;
    const { id } = await this.intake.submit({
      enterpriseId: partnerOwner(message.from),
      type: message.documentType,
      data: message.data ?? {},
      sourceFormat: 'xml',
      origin: { channel: 'partner', partnerCountry: message.from, partnerMessageId: message.messageId },
    });
    this.logger.info('inbound partner document submitted', { partner: message.from, messageId: message.messageId, documentId: id });
    return id;
  }

  private async applyBusinessResponse(message: InboundMessage): Promise<string | undefined> {
    const documentId = await this.finder.byConversation(message.from, message.conversationId);
    if (!documentId) throw new DomainError('PARTNER.UNKNOWN_CONVERSATION', `no document in conversation ${message.conversationId}`);
    const response = message.businessResponse!;
    await this.exchanges.update(documentId, message.conversationId, `partner:${message.from}`, (exchange, now) =>
      exchange.businessResponses.some((recorded) => recorded.messageId === message.messageId)
        ? undefined
        : {
            ...exchange,
            updatedAt: now,
            businessResponses: [
              ...exchange.businessResponses,
              { messageId: message.messageId, ...response, receivedAt: message.receivedAt },
            ],
          },
    );
    return documentId;
  }
}
