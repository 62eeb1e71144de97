import type { Channel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../logging/logger.js';

/**
 * Handles one delivery. Resolving acks the message. Throwing rejects it without
 * requeue, so the queue's dead-letter exchange receives it: handlers that want the
 * reason in the dead letter's headers publish it there themselves and resolve.
 */
export type MessageHandler = (message: ConsumeMessage) => Promise<void>;

export interface ConsumeOptions {
  prefetch?: number;
}

export interface ConsumerHandle {
  /** Stops new deliveries and waits for the ones being handled. */
  stop(): Promise<void>;
}

interface Consumer {
  queue: string;
  handler: MessageHandler;
  prefetch: number;
  channel?: Channel;
  consumerTag?: string;
  inFlight: Set<Promise<void>>;
  stopped: boolean;
}

/** The consumers of one connection, re-subscribed after every reconnect. */
export class ConsumerRegistry {
  private readonly consumers = new Set<Consumer>();

  constructor(
    private readonly openChannel: () => Promise<Channel>,
    private readonly logger: Logger,
  ) {}

  async add(queue: string, handler: MessageHandler, options: ConsumeOptions): Promise<ConsumerHandle> {
    const consumer: Consumer = { queue, handler, prefetch: options.prefetch ?? 16, inFlight: new Set(), stopped: false };
    this.consumers.add(consumer);
    await this.subscribe(consumer);
    return { stop: () => this.stop(consumer) };
  }

  resubscribe(): void {
    for (const consumer of this.consumers) {
      if (!consumer.channel && !consumer.stopped) {
        this.subscribe(consumer).catch((error: Error) =>
          this.logger.warn('could not resubscribe consumer', { queue: consumer.queue, reason: error.message }),
        );
      }
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => this.stop(consumer)));
  }

  private async subscribe(consumer: Consumer): Promise<void> {
    const channel = await this.openChannel();
    consumer.channel = channel;
    channel.on('error', (error: Error) => this.logger.warn('consumer channel error', { queue: consumer.queue, reason: error.message }));
    channel.on('close', () => {
      if (consumer.channel === channel) consumer.channel = undefined;
    });
    await channel.prefetch(consumer.prefetch);
    const { consumerTag } = await channel.consume(consumer.queue, (message) => {
      if (message) this.deliver(consumer, channel, message);
    });
    consumer.consumerTag = consumerTag;
  }

  private deliver(consumer: Consumer, channel: Channel, message: ConsumeMessage): void {
    const handling = consumer
      .handler(message)
      .then(
        () => channel.ack(message),
        (error: Error) => {
          this.logger.error('message handler failed; dead-lettering', {
            queue: consumer.queue,
            messageId: message.properties.messageId,
            reason: error.message,
          });
          channel.nack(message, false, false);
        },
      )
      // The channel may be gone by now; the broker redelivers the message then.
      .catch(() => undefined);
    consumer.inFlight.add(handling);
    void handling.finally(() => consumer.inFlight.delete(handling));
  }

  private async stop(consumer: Consumer): Promise<void> {
    consumer.stopped = true;
    this.consumers.delete(consumer);
    const { channel, consumerTag } = consumer;
    if (channel && consumerTag) await channel.cancel(consumerTag).catch(() => undefined);
    await Promise.allSettled([...consumer.inFlight]);
    if (channel) await channel.close().catch(() => undefined);
    consumer.channel = undefined;
  }
}
