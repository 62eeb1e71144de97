import type { ConsumeMessage } from 'amqplib';
import type { Logger } from '../platform/logging/logger.js';
import { runWithContext } from '../platform/logging/request-context.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import { dispositionOf } from '../platform/messaging/error-disposition.js';
import type { Broker } from '../platform/messaging/broker.js';
import type { Worker } from '../platform/service-context.js';
import { QUEUES } from '../kernel/contracts/amqp-names.js';
import { deadLetter, retryLater } from '../kernel/contracts/redelivery.js';
import type { DecisionService } from './decision-service.js';
import { parseDecision } from './decision-validator.js';

const MAX_DECISION_BYTES = 64 * 1024;

export interface DecisionConsumerOptions {
  prefetch: number;
  retryDelaysMs: number[];
}

/**
 * The `decisions` role: consumes `sw.decisions.in` and applies each decision. A
 * decision that is wrong (unparsable, invalid, for an agency not routed, too late)
 * goes to `sw.decisions.dlq` with the reason in its headers and is acked; a failure
 * of our own (store unavailable) is retried later through a TTL queue. Neither
 * crashes the consumer nor blocks the queue.
 */
export class DecisionConsumer {
  constructor(
    private readonly broker: Broker,
    private readonly decisions: DecisionService,
    private readonly options: DecisionConsumerOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<Worker> {
    return this.broker.consume(QUEUES.decisionsIn, (message) => this.handle(message), { prefetch: this.options.prefetch });
  }

  async handle(message: ConsumeMessage): Promise<void> {
    const messageId = typeof message.properties.messageId === 'string' ? message.properties.messageId : '';
    await runWithContext({ requestId: messageId || 'decision-without-id', agency: message.fields.routingKey }, async () => {
      try {
        const decision = this.decode(message, messageId);
        const result = await this.decisions.applyDecision({ messageId, channel: 'amqp', message: decision });
        this.logger.info('decision applied', {
          documentId: result.documentId,
          decision: result.decision,
          duplicate: result.duplicate,
          status: result.status,
        });
      } catch (error) {
        if (error instanceof DomainError && dispositionOf(error) === 'dead-letter') {
          this.logger.warn('decision dead-lettered', { code: error.code, reason: error.message });
          await deadLetter(this.broker, QUEUES.decisionsIn, message, error.code, describe(error));
          return;
        }
        const outcome = await retryLater(this.broker, QUEUES.decisionsIn, message, this.options.retryDelaysMs, error as Error);
        this.logger.warn('decision not applied; will retry', { outcome, reason: (error as Error).message });
      }
    });
  }

  private decode(message: ConsumeMessage, messageId: string) {
    if (!messageId || messageId.length > 128)
      throw new DomainError('DECISION.MISSING_MESSAGE_ID', 'A decision needs a messageId property (at most 128 characters)');
    if (message.content.length > MAX_DECISION_BYTES)
      throw new DomainError('DECISION.TOO_LARGE', `A decision may not exceed ${MAX_DECISION_BYTES} bytes`);
    let body: unknown;
    try {
      body = JSON.parse(message.content.toString('utf8'));
    } catch {
      throw new DomainError('DECISION.UNPARSABLE', 'The decision body is not JSON');
    }
    const decision = parseDecision(body);
    if (decision.agency !== message.fields.routingKey) {
      throw new DomainError(
        'DECISION.ROUTING_KEY_MISMATCH',
        `A decision of ${decision.agency} must be published with routing key ${decision.agency}, not ${message.fields.routingKey}`,
      );
    }
    return decision;
  }
}

function describe(error: DomainError): string {
  const issues = error.details.errors as { pointer: string; message: string }[] | undefined;
  return issues?.length ? `${error.message}: ${issues.map((i) => `${i.pointer} ${i.message}`).join('; ')}` : error.message;
}
