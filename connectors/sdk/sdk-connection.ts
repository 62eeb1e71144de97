import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage, type RecoveringChannelModel } from 'amqplib';
import type { OutgoingMessage, Publisher } from '../../src/kernel/contracts/message.js';
import type { SdkLogger } from './sdk-logger.js';

export interface SdkConnectionOptions {
  url: string;
  logger: SdkLogger;
  /** How long a publish may wait for the broker's confirm, reconnections included. */
  publishTimeoutMs: number;
  /** Declarations to (re)make on every connection, before consuming. */
  setup: (channel: ConfirmChannel) => Promise<void>;
  queue: string;
  prefetch: number;
  /** Resolving acks the message; throwing nacks it without requeue (its queue dead-letters it). */
  handle: (message: ConsumeMessage) => Promise<void>;
}

/**
 * A connector's one AMQP connection, recovered by amqplib: on every (re)connect it
 * opens a confirm channel, runs the setup and consumes the agency's queue again.
 * Work in hand when the connection drops is redelivered by the broker; decisions
 * keep their message ids, so the single window applies them once.
 */
export class SdkConnection implements Publisher {
  private channel: ConfirmChannel | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private closing = false;

  private constructor(
    private readonly model: RecoveringChannelModel,
    private readonly options: SdkConnectionOptions,
  ) {}

  static async open(options: SdkConnectionOptions): Promise<SdkConnection> {
    const owner: { connection?: SdkConnection } = {};
    const model = await amqp.connect(options.url, {
      recovery: {
        waitForConnect: false,
        initialDelay: 200,
        maxDelay: 5000,
        initialMaxRetries: 3,
        setup: (connected: ChannelModel) => owner.connection!.attach(connected),
      },
    });
    const connection = new SdkConnection(model, options);
    owner.connection = connection;
    model.on('error', (error: Error) => options.logger.warn('broker connection error', { reason: error.message }));
    try {
      await model.waitForConnect();
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
    return connection;
  }

  async publish(message: OutgoingMessage): Promise<void> {
    const deadline = Date.now() + this.options.publishTimeoutMs;
    for (;;) {
      const channel = this.channel;
      if (channel) {
        try {
          await new Promise<void>((resolve, reject) => {
            channel.publish(message.exchange, message.routingKey, message.body, propertiesOf(message), (error) =>
              error ? reject(new Error('the broker refused the message')) : resolve(),
            );
          });
          return;
        } catch (error) {
          if (channel === this.channel || Date.now() > deadline) throw error;
        }
      }
      if (Date.now() > deadline) throw new Error(`no broker confirm within ${this.options.publishTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops consuming, lets the work in hand finish, then closes the connection. */
  async close(): Promise<void> {
    this.closing = true;
    const channel = this.channel;
    if (channel) await channel.cancel(CONSUMER_TAG).catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    await this.model.close().catch(() => undefined);
  }

  private async attach(model: ChannelModel): Promise<void> {
    if (this.closing) return;
    const channel = await model.createConfirmChannel();
    channel.on('close', () => {
      if (this.channel === channel) this.channel = undefined;
    });
    channel.on('error', (error: Error) => this.options.logger.warn('broker channel error', { reason: error.message }));
    await this.options.setup(channel);
    await channel.prefetch(this.options.prefetch);
    await channel.consume(this.options.queue, (message) => message && this.deliver(channel, message), { consumerTag: CONSUMER_TAG });
    this.channel = channel;
  }

  private deliver(channel: ConfirmChannel, message: ConsumeMessage): void {
    const handling = this.options
      .handle(message)
      .then(
        () => channel.ack(message),
        () => channel.nack(message, false, false),
      )
      // The channel may be gone by now; the broker redelivers the message then.
      .catch(() => undefined);
    this.inFlight.add(handling);
    void handling.finally(() => this.inFlight.delete(handling));
  }
}

const CONSUMER_TAG = 'agency-connector';

function propertiesOf(message: OutgoingMessage) {
  return {
    persistent: true,
    mandatory: true,
    messageId: message.messageId,
    ...(message.correlationId ? { correlationId: message.correlationId } : {}),
    ...(message.type ? { type: message.type } : {}),
    ...(message.contentType ? { contentType: message.contentType } : {}),
    ...(message.headers ? { headers: message.headers } : {}),
    timestamp: Math.floor((message.timestamp ?? new Date()).getTime() / 1000),
  };
}
