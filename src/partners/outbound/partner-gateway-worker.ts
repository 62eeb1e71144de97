import type { ConsumeMessage } from 'amqplib';
import type { Logger } from '../../platform/logging/logger.js';
import { runWithContext } from '../../platform/logging/request-context.js';
import type { Broker } from '../../platform/messaging/broker.js';
import type { ConsumerHandle } from '../../platform/messaging/consumers.js';
import type { Worker } from '../../platform/service-context.js';
import { retryQueue } from '../../kernel/contracts/amqp-names.js';
import { declareRetryQueue } from '../../kernel/contracts/queue-topology.js';
import type { PartnerDirectory } from '../directory/partner-directory.js';
import { partnerQueue } from '../../kernel/contracts/amqp-names.js';
import type { Partner } from '../directory/partner.js';
import { UndeliverableJobError, type PartnerDelivery } from './partner-delivery.js';
import { partnerTopology } from './partner-topology.js';
import type { PartnerSendJob } from './partner-transition-hook.js';

export interface GatewayOptions {
  prefetch: number;
  directoryRefreshMs: number;
  deliveryLimit: number;
  /** Delay before a job that hit an infrastructure error (store down) is tried again. */
  errorRetryMs: number;
}

/**
 * The `partner-gateway` role: consumes every partner's `sw.partner.<CC>.out`
 * (and picks up partners added later), runs the delivery, and for a retry puts
 * the job on the TTL retry queue before acking, so a crash loses nothing.
 */
export class PartnerGatewayWorker {
  private readonly consumers = new Map<string, ConsumerHandle>();
  private readonly retryQueues = new Set<number>();

  constructor(
    private readonly broker: Broker,
    private readonly directory: PartnerDirectory,
    private readonly delivery: Pick<PartnerDelivery, 'deliver'>,
    private readonly options: GatewayOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<Worker> {
    await this.subscribeAll();
    const timer = setInterval(() => {
      this.directory
        .refresh()
        .then(() => this.subscribeAll())
        .catch((error: Error) => this.logger.warn('partner directory refresh failed', { reason: error.message }));
    }, this.options.directoryRefreshMs);
    return {
      stop: async () => {
        clearInterval(timer);
        await Promise.all([...this.consumers.values()].map((consumer) => consumer.stop()));
        this.consumers.clear();
      },
    };
  }

  private async subscribeAll(): Promise<void> {
    for (const partner of this.directory.list()) {
      if (this.consumers.has(partner.country)) continue;
      await this.broker.addTopology(partnerTopology([partner], this.options.deliveryLimit));
      this.consumers.set(
        partner.country,
        await this.broker.consume(partnerQueue(partner.country), (message) => this.handle(partner, message), {
          prefetch: this.options.prefetch,
        }),
      );
    }
  }

  private async handle(partner: Partner, message: ConsumeMessage): Promise<void> {
    const job = parseJob(message.content);
    await runWithContext({ requestId: String(message.properties.messageId ?? 'partner-job'), partner: partner.country }, async () => {
      try {
        const { retryInMs } = await this.delivery.deliver(job);
        if (retryInMs !== undefined) await this.requeue(job, message, retryInMs);
      } catch (error) {
        if (error instanceof UndeliverableJobError) throw error;
        this.logger.error('partner send interrupted; trying again later', { documentId: job.documentId, reason: (error as Error).message });
        await this.requeue(job, message, this.options.errorRetryMs);
      }
    });
  }

  /** Publishes the job to `sw.retry.<delay>`, which dead-letters it back to the partner's queue when the TTL expires. */
  private async requeue(job: PartnerSendJob, message: ConsumeMessage, delayMs: number): Promise<void> {
    if (!this.retryQueues.has(delayMs)) {
      await this.broker.addTopology((channel) => declareRetryQueue(channel, delayMs));
      this.retryQueues.add(delayMs);
    }
    await this.broker.publish({
      exchange: retryQueue(delayMs),
      routingKey: partnerQueue(job.country),
      body: message.content,
      messageId: String(message.properties.messageId ?? job.conversationId),
      correlationId: job.documentId,
      type: 'partner.send',
      contentType: 'application/json',
    });
  }
}

function parseJob(content: Buffer): PartnerSendJob {
  let job: unknown;
  try {
    job = JSON.parse(content.toString('utf8'));
  } catch {
    throw new UndeliverableJobError('the message body is not JSON');
  }
  const { documentId, conversationId, country } = (job ?? {}) as Partial<PartnerSendJob>;
  if (typeof documentId !== 'string' || typeof conversationId !== 'string' || typeof country !== 'string') {
    throw new UndeliverableJobError('the message body must be {documentId, conversationId, country}');
  }
  return { documentId, conversationId, country };
}
