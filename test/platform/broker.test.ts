import { expect } from 'chai';
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { Broker } from '../../src/platform/messaging/broker.js';
import { PublishError } from '../../src/platform/messaging/errors.js';
import { logger } from '../../src/platform/logging/logger.js';
import { requireTestAmqpUrl } from '../support/rabbitmq-vhost.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const EXCHANGE = 'test.broker.confirms';
const QUEUE = 'test.broker.confirms.queue';

function message(routingKey = 'agency.TEST') {
  return {
    exchange: EXCHANGE,
    routingKey,
    body: Buffer.from(JSON.stringify({ documentId: randomUUID() })),
    messageId: randomUUID(),
    correlationId: randomUUID(),
    type: 'test.message',
  };
}

async function declare(channel: amqp.Channel) {
  await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(QUEUE, { durable: true });
  await channel.bindQueue(QUEUE, EXCHANGE, 'agency.*');
}

describe('broker', () => {
  let broker: Broker;
  let inspector: amqp.ChannelModel;
  let channel: amqp.Channel;

  before(async () => {
    broker = await Broker.connect({ url: requireTestAmqpUrl(), logger, publishTimeoutMs: 5000 }, [declare]);
    inspector = await amqp.connect(requireTestAmqpUrl());
    channel = await inspector.createChannel();
  });

  after(async () => {
    await broker.close();
    await inspector.close();
  });

  beforeEach(() => channel.purgeQueue(QUEUE));

  /** The messageIds waiting in the queue, taken off it. */
  async function arrivedIds(): Promise<Set<string>> {
    const arrived = new Set<string>();
    for (let delivery = await channel.get(QUEUE, { noAck: true }); delivery; delivery = await channel.get(QUEUE, { noAck: true })) {
      arrived.add(String(delivery.properties.messageId));
    }
    return arrived;
  }

  it('resolves a publish once the broker confirms it, with the contract properties set', async () => {
    const sent = message();
    await broker.publish(sent);
    const received = await channel.get(QUEUE, { noAck: true });
    expect(received).to.not.equal(false);
    if (!received) return;
    expect(received.properties.messageId).to.equal(sent.messageId);
    expect(received.properties.correlationId).to.equal(sent.correlationId);
    expect(received.properties.type).to.equal('test.message');
    expect(received.properties.contentType).to.equal('application/json');
    expect(received.properties.deliveryMode).to.equal(2);
    expect(received.properties.timestamp).to.be.a('number');
  });

  it('rejects a publish to a missing exchange instead of dropping it, and keeps publishing afterwards', async () => {
    const lost = { ...message(), exchange: 'sw.no-such-exchange' };
    try {
      await broker.publish(lost);
      expect.fail('a publish to a missing exchange resolved');
    } catch (error) {
      expect(error).to.be.instanceOf(PublishError);
      expect((error as PublishError).code).to.equal('PUBLISH.EXCHANGE_NOT_FOUND');
    }
    await broker.publish(message());
    expect(await channel.get(QUEUE, { noAck: true })).to.not.equal(false);
  });

  it('rejects a message no queue is bound for (mandatory) as unroutable', async () => {
    try {
      await broker.publish(message('nobody.listens'));
      expect.fail('an unroutable publish resolved');
    } catch (error) {
      expect((error as PublishError).code).to.equal('PUBLISH.UNROUTABLE');
    }
  });

  it('publishes a batch and answers each message on its own: confirmed, unroutable, to a missing exchange', async () => {
    const confirmed = [message(), message()];
    const outcomes = await broker.publishAll([
      confirmed[0]!,
      message('nobody.listens'),
      confirmed[1]!,
      { ...message(), exchange: 'sw.no-such-exchange' },
    ]);
    expect(outcomes[0]).to.equal(undefined);
    expect(outcomes[1]?.code).to.equal('PUBLISH.UNROUTABLE');
    expect(outcomes[2]).to.equal(undefined);
    expect(outcomes[3]?.code).to.equal('PUBLISH.EXCHANGE_NOT_FOUND');
    // The missing exchange closes the channel under the whole batch: the others are published again, not failed.
    const arrived = await arrivedIds();
    expect(confirmed.filter((sent) => !arrived.has(sent.messageId))).to.deep.equal([]);
    expect(await broker.publishAll([])).to.deep.equal([]);
  });

  it('publishes a whole batch again when the connection drops before its confirms, losing none', async () => {
    const proxy = await startTcpProxy(5672);
    const url = new URL(requireTestAmqpUrl());
    url.port = String(proxy.port);
    const flaky = await Broker.connect({ url: url.toString(), logger, publishTimeoutMs: 15_000 }, [declare]);
    try {
      const batch = Array.from({ length: 50 }, () => message());
      const publishing = flaky.publishAll(batch);
      proxy.cut();
      setTimeout(() => proxy.restore(), 300);
      expect(await publishing).to.deep.equal(batch.map(() => undefined));
      const arrived = await arrivedIds();
      expect(batch.filter((sent) => !arrived.has(sent.messageId))).to.deep.equal([]);
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it('waits while the connection is down and publishes once it is back', async () => {
    const proxy = await startTcpProxy(5672);
    const url = new URL(requireTestAmqpUrl());
    url.port = String(proxy.port);
    const flaky = await Broker.connect({ url: url.toString(), logger, publishTimeoutMs: 15_000 }, [declare]);
    try {
      proxy.cut();
      await new Promise((resolve) => flaky.once('disconnected', resolve));
      expect(flaky.isConnected).to.equal(false);
      const sent = message();
      const publishing = flaky.publish(sent);
      setTimeout(() => proxy.restore(), 300);
      await publishing;
      expect(flaky.isConnected).to.equal(true);
      const received = await channel.get(QUEUE, { noAck: true });
      expect(received && received.properties.messageId).to.equal(sent.messageId);
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it('consumes with acknowledgements and dead-letters a message whose handler fails', async () => {
    const dlq = 'test.broker.dead';
    await channel.assertExchange('test.broker.dlx', 'fanout', { durable: true });
    await channel.assertQueue(dlq, { durable: true });
    await channel.bindQueue(dlq, 'test.broker.dlx', '');
    await channel.assertQueue('test.broker.work', { durable: true, arguments: { 'x-dead-letter-exchange': 'test.broker.dlx' } });
    const handled: string[] = [];
    const consumer = await broker.consume('test.broker.work', async (delivery) => {
      const text = delivery.content.toString();
      if (text === 'poison') throw new Error('cannot parse');
      handled.push(text);
    });
    channel.sendToQueue('test.broker.work', Buffer.from('good'));
    channel.sendToQueue('test.broker.work', Buffer.from('poison'));
    let dead: amqp.GetMessage | false = false;
    for (let i = 0; i < 100 && !dead; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      dead = await channel.get(dlq, { noAck: true });
    }
    await consumer.stop();
    expect(handled).to.deep.equal(['good']);
    expect(dead && dead.content.toString()).to.equal('poison');
  });
});
