import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';

/**
 * A test's own AMQP client: collects what arrives on queues and publishes like an
 * agency would. Messages are acked as they arrive, so queues are left empty.
 */
export async function amqpProbe(url: string) {
  const connection: ChannelModel = await amqp.connect(url);
  const channel: Channel = await connection.createConfirmChannel();
  const received = new Map<string, ConsumeMessage[]>();
  const tags: string[] = [];

  return {
    channel,
    /** Everything arriving on the queue from now on (one consumer per queue, however often asked). */
    async collect(queue: string): Promise<ConsumeMessage[]> {
      const existing = received.get(queue);
      if (existing) return existing;
      const messages: ConsumeMessage[] = [];
      received.set(queue, messages);
      const { consumerTag } = await channel.consume(queue, (message) => {
        if (!message) return;
        messages.push(message);
        channel.ack(message);
      });
      tags.push(consumerTag);
      return messages;
    },
    async waitFor<T>(check: () => T | undefined, what: string, deadlineMs = 15_000): Promise<T> {
      const until = Date.now() + deadlineMs;
      while (Date.now() < until) {
        const value = check();
        if (value !== undefined) return value;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`timed out waiting for ${what}`);
    },
    async publishDecision(agency: string, body: unknown, messageId: string, routingKey = agency): Promise<void> {
      const content = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      channel.publish('sw.decisions', routingKey, content, { messageId, contentType: 'application/json', persistent: true });
      await (channel as amqp.ConfirmChannel).waitForConfirms();
    },
    async purge(...queues: string[]): Promise<void> {
      for (const queue of queues) await channel.purgeQueue(queue);
    },
    async close(): Promise<void> {
      for (const tag of tags) await channel.cancel(tag).catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}
