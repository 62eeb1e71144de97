import { EventEmitter } from 'node:events';
import amqp, {
  type Channel,
  type Options,
  type ChannelModel,
  type ConfirmChannel,
  type ConsumeMessage,
  type RecoveringChannelModel,
} from 'amqplib';
import type { Logger } from '../logging/logger.js';
import { settings } from '../config/settings.js';
import { BrokerUnreachableError, PublishError, redact } from './errors.js';
import { stalledHandshakeError } from './stalled-handshake.js';
import type { OutgoingMessage } from './message.js';
import { ConsumerRegistry, type ConsumeOptions, type ConsumerHandle, type MessageHandler } from './consumers.js';

/** The broker connection's socket, passed through amqplib to net.connect (its typings list only the TLS options among them). */
export const BROKER_SOCKET_OPTIONS = {
  // Without it Nagle's algorithm holds small frames (publishes, acks) back by tens of milliseconds.
  noDelay: true,
  // amqplib writes the frames queued on its channels while the socket takes them; at the
  // default 16 KiB mark it stops after four 4 KiB messages and waits for 'drain' before
  // each next few. A relay batch is then hundreds of write waits, not a few.
  writableHighWaterMark: 4 * 1024 * 1024,
};

export type TopologyStep = (channel: Channel) => Promise<void>;

export interface BrokerOptions {
  url: string;
  logger: Logger;
  publishTimeoutMs: number;
  /** How many connection attempts at start-up before giving up with a clear error. */
  initialAttempts?: number;
  /** How long a connection may take to complete its handshake (AMQP_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  /** Read only to explain a stalled handshake (RABBITMQ_MANAGEMENT_URL). */
  managementUrl?: string;
}

/**
 * One AMQP connection for the whole process, recovered by amqplib's own recovery.
 * Topology is re-declared and consumers re-subscribed after every reconnect.
 * `publish` resolves only on the broker's confirm; while the connection is down it
 * waits (up to the publish timeout) and republishes, so at worst a message is sent
 * twice, never lost: consumers are idempotent by messageId.
 */
export class Broker extends EventEmitter {
  private readonly topology: TopologyStep[] = [];
  private readonly consumers: ConsumerRegistry;
  private publishChannel: Promise<ConfirmChannel> | undefined;
  /** The confirm channel once it is open, until it closes or the connection is lost. */
  private openChannel: ConfirmChannel | undefined;
  private readonly returned = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private connected = false;
  private closing = false;

  private constructor(
    private readonly connection: RecoveringChannelModel,
    private readonly options: BrokerOptions,
  ) {
    super();
    this.consumers = new ConsumerRegistry(() => this.connection.createChannel(), options.logger);
  }

  static async connect(options: BrokerOptions, topology: TopologyStep[] = []): Promise<Broker> {
    // `setup` runs on every (re)connect, including the first, before the broker object exists.
    const owner: { broker?: Broker } = {};
    const timeoutMs = options.connectTimeoutMs ?? settings.amqpConnectTimeoutMs.default;
    const handshake = handshakeDeadline(timeoutMs);
    const connection = await amqp.connect(options.url, {
      ...BROKER_SOCKET_OPTIONS,
      // amqplib keeps this socket idle timeout until connection.open-ok, so it ends an
      // attempt whose TCP connect or AMQP handshake stalls (a broker out of file
      // descriptors completes TCP and then says nothing); without it the attempt, and
      // every reconnect after it, waits forever. It restarts on every frame, so the
      // deadline below bounds the first connection as a whole.
      timeout: timeoutMs,
      recovery: {
        waitForConnect: false,
        initialDelay: 200,
        maxDelay: 5000,
        initialMaxRetries: options.initialAttempts ?? 3,
        setup: async (model: ChannelModel) => {
          handshake.completed();
          await owner.broker?.declareTopology(model);
        },
      },
    });
    const broker = new Broker(connection, options);
    owner.broker = broker;
    broker.topology.push(...topology);
    broker.listen();
    try {
      await Promise.race([connection.waitForConnect(), handshake.expired]);
    } catch (error) {
      await connection.close().catch(() => undefined);
      if (error === HANDSHAKE_EXPIRED) throw await stalledHandshakeError(options.url, timeoutMs, options.managementUrl ?? '');
      throw new BrokerUnreachableError(options.url, error);
    } finally {
      handshake.completed();
    }
    return broker;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Adds topology that is declared now and again after every reconnect. */
  async addTopology(step: TopologyStep): Promise<void> {
    this.topology.push(step);
    const channel = await this.connection.createChannel();
    channel.on('error', () => undefined);
    try {
      await step(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  async publish(message: OutgoingMessage): Promise<void> {
    const [error] = await this.publishAll([message]);
    if (error) throw error;
  }

  /**
   * Publishes the messages together and resolves, once the broker has confirmed or
   * refused each of them, with each one's outcome (undefined when confirmed). One
   * deadline and one wait cover the whole batch.
   */
  async publishAll(messages: readonly OutgoingMessage[]): Promise<(PublishError | undefined)[]> {
    if (messages.length === 0) return [];
    const attempt = this.publishAllUntilConfirmed(messages);
    this.inFlight.add(attempt);
    try {
      return await attempt;
    } finally {
      this.inFlight.delete(attempt);
    }
  }

  consume(queue: string, handler: MessageHandler, options: ConsumeOptions = {}): Promise<ConsumerHandle> {
    return this.consumers.add(queue, handler, options);
  }

  /** Waits for outstanding confirms, stops consumers, then closes the connection. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.consumers.stopAll();
    await Promise.allSettled([...this.inFlight]);
    await this.connection.close().catch(() => undefined);
    this.connected = false;
  }

  private listen(): void {
    this.connection.on('connect', () => {
      this.connected = true;
      this.options.logger.info('broker connected', { amqpUrl: redact(this.options.url) });
      this.emit('connected');
      this.consumers.resubscribe();
    });
    this.connection.on('disconnect', (error: Error) => {
      this.connected = false;
      this.publishChannel = undefined;
      this.openChannel = undefined;
      if (!this.closing) this.options.logger.warn('broker connection lost; recovering', { reason: error.message });
      this.emit('disconnected');
    });
    this.connection.on('connect-failed', (error: Error) => {
      // amqplib's words for its socket timeout, which here means the handshake stalled.
      const stalled = error.message === 'connect ETIMEDOUT';
      this.options.logger.warn('broker connection attempt failed', {
        reason: stalled
          ? `no completed handshake within ${this.options.connectTimeoutMs ?? settings.amqpConnectTimeoutMs.default} ms`
          : error.message,
        ...(stalled
          ? { hint: 'a broker that accepts TCP but never answers has usually run out of file descriptors: check `rabbitmqctl status`' }
          : {}),
      });
    });
    this.connection.on('reconnect-failed', (error: Error) => {
      this.options.logger.error('broker recovery gave up', { reason: error.message });
    });
    this.connection.on('error', (error: Error) => {
      this.options.logger.warn('broker connection error', { reason: error.message });
    });
  }

  private async declareTopology(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    for (const step of this.topology) await step(channel);
    await channel.close().catch(() => undefined);
  }

  /** Messages whose channel or connection was lost are published again (their outcome is unknown) until the deadline. */
  private async publishAllUntilConfirmed(messages: readonly OutgoingMessage[]): Promise<(PublishError | undefined)[]> {
    const deadline = Date.now() + this.options.publishTimeoutMs;
    const outcomes: (PublishError | undefined)[] = new Array(messages.length).fill(undefined);
    let waiting = messages.map((_, i) => i);
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        for (const i of waiting)
          outcomes[i] = new PublishError(
            'PUBLISH.TIMEOUT',
            `No confirm for ${messages[i]!.messageId} within ${this.options.publishTimeoutMs} ms`,
          );
        return outcomes;
      }
      const results = await this.publishOnce(
        waiting.map((i) => messages[i]!),
        remaining,
      );
      const lost: number[] = [];
      results.forEach((error, k) => {
        if (error?.code === 'PUBLISH.BROKER_CLOSED' && !this.closing) lost.push(waiting[k]!);
        else outcomes[waiting[k]!] = error;
      });
      if (lost.length === 0) return outcomes;
      waiting = lost;
      await delay(Math.min(100, Math.max(0, deadline - Date.now())));
    }
  }

  private async publishOnce(messages: readonly OutgoingMessage[], timeoutMs: number): Promise<(PublishError | undefined)[]> {
    let channel: ConfirmChannel;
    try {
      // The open channel is used as it is: waiting for it under a timeout costs a timer and a race.
      channel =
        this.openChannel ??
        (await withTimeout(
          this.confirmChannel(),
          timeoutMs,
          () => new PublishError('PUBLISH.TIMEOUT', `Broker unavailable; no confirm within ${this.options.publishTimeoutMs} ms`),
        ));
    } catch (error) {
      const failure =
        error instanceof PublishError
          ? error
          : new PublishError('PUBLISH.BROKER_CLOSED', `No channel to publish on: ${(error as Error).message}`);
      return messages.map(() => failure);
    }
    return new Promise((resolve, reject) => {
      const outcomes: (PublishError | undefined)[] = new Array(messages.length).fill(undefined);
      const settled: boolean[] = new Array(messages.length).fill(false);
      let left = messages.length;
      const settle = (i: number, error: PublishError | undefined) => {
        if (settled[i]) return;
        settled[i] = true;
        outcomes[i] = error;
        left -= 1;
        if (left === 0) {
          clearTimeout(timer);
          resolve(outcomes);
        }
      };
      const timer = setTimeout(() => {
        messages.forEach((message, i) =>
          settle(i, new PublishError('PUBLISH.TIMEOUT', `No confirm for ${message.messageId} within ${this.options.publishTimeoutMs} ms`)),
        );
      }, timeoutMs);
      for (const [i, message] of messages.entries()) {
        try {
          channel.publish(message.exchange, message.routingKey, message.body, propertiesOf(message), (error: Error | null) =>
            settle(i, this.confirmOutcome(channel, message, error)),
          );
        } catch (error) {
          // amqplib throws at once on a channel that has just closed; anything else is the caller's mistake.
          if ((error as Error).name !== 'IllegalOperationError') {
            clearTimeout(timer);
            reject(error as Error);
            return;
          }
          settle(i, closedError(channel, message));
        }
      }
    });
  }

  /**
   * amqplib calls back on ack, on nack ('message nacked') and, for every unconfirmed
   * message, when the channel closes ('channel closed'). RabbitMQ sends basic.return
   * before the confirm of an unroutable mandatory message.
   */
  private confirmOutcome(channel: ConfirmChannel, message: OutgoingMessage, error: Error | null): PublishError | undefined {
    const wasReturned = this.returned.delete(message.messageId);
    if (!error)
      return wasReturned
        ? new PublishError('PUBLISH.UNROUTABLE', `No queue is bound for ${message.exchange}/${message.routingKey}`)
        : undefined;
    if (error.message === 'message nacked') return new PublishError('PUBLISH.NACKED', `Broker refused ${message.messageId}`);
    return closedError(channel, message);
  }

  private confirmChannel(): Promise<ConfirmChannel> {
    if (!this.publishChannel) {
      const opening = this.connection.createConfirmChannel().then((channel) => {
        channel.on('error', (error: Error & { code?: number }) => {
          (channel as ChannelWithReason).closeReason = error;
        });
        channel.on('close', () => {
          if (this.publishChannel === opening) this.publishChannel = undefined;
          if (this.openChannel === channel) this.openChannel = undefined;
        });
        // RabbitMQ sends basic.return before the confirm of an unroutable mandatory message.
        channel.on('return', (returnedMessage: ConsumeMessage) => {
          const id = returnedMessage.properties.messageId as string | undefined;
          if (id) this.returned.add(id);
        });
        if (this.publishChannel === opening) this.openChannel = channel;
        return channel;
      });
      opening.catch(() => {
        if (this.publishChannel === opening) this.publishChannel = undefined;
      });
      this.publishChannel = opening;
    }
    return this.publishChannel;
  }
}

function propertiesOf(message: OutgoingMessage): Options.Publish {
  return {
    persistent: true,
    mandatory: true,
    messageId: message.messageId,
    correlationId: message.correlationId,
    type: message.type,
    contentType: message.contentType ?? 'application/json',
    headers: message.headers,
    timestamp: Math.floor((message.timestamp ?? new Date()).getTime() / 1000),
    expiration: message.expiration,
  };
}

type ChannelWithReason = ConfirmChannel & { closeReason?: Error & { code?: number } };

/**
 * Why the channel closed under `message`. A publish to a missing exchange closes the
 * channel (404) for every message in flight on it; only those sent to that exchange
 * failed, the others were cut off and are published again.
 */
function closedError(channel: ConfirmChannel, message: OutgoingMessage): PublishError {
  const reason = (channel as ChannelWithReason).closeReason;
  if (reason?.code === 404 && reason.message.includes(`no exchange '${message.exchange}'`)) {
    return new PublishError('PUBLISH.EXCHANGE_NOT_FOUND', reason.message, { cause: reason });
  }
  return new PublishError('PUBLISH.BROKER_CLOSED', `Channel closed before the confirm of ${message.messageId}`);
}

const HANDSHAKE_EXPIRED = new Error('the connection handshake did not complete in time');

/** Rejects with HANDSHAKE_EXPIRED unless completed() is called within `ms`. */
function handshakeDeadline(ms: number): { expired: Promise<never>; completed(): void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(HANDSHAKE_EXPIRED), ms);
  });
  expired.catch(() => undefined);
  return { expired, completed: () => clearTimeout(timer) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
