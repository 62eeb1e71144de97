import { expect } from 'chai';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Broker } from '../../src/platform/messaging/broker.js';
import { logger } from '../../src/platform/logging/logger.js';
import { startTestService } from '../support/test-service.js';
import { startSilentTcpServer } from '../support/silent-tcp-server.js';
import { runEntry } from './run-entry.js';

/** A stand-in for the management API's GET /api/nodes, answering only with the right credentials. */
async function startManagementApi(nodes: unknown[]) {
  const server = http.createServer((req, res) => {
    const expected = `Basic ${Buffer.from('monitor:s3cret').toString('base64')}`;
    if (req.url !== '/api/nodes' || req.headers.authorization !== expected) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(nodes));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://monitor:s3cret@127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function connectError(options: Partial<Parameters<typeof Broker.connect>[0]> & { url: string }): Promise<Error> {
  try {
    const broker = await Broker.connect({ logger, publishTimeoutMs: 1000, ...options });
    await broker.close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Broker.connect succeeded against a broker that never speaks');
}

describe('broker connection handshake timeout', () => {
  let silent: Awaited<ReturnType<typeof startSilentTcpServer>>;
  let silentUrl: string;

  beforeEach(async () => {
    silent = await startSilentTcpServer();
    silentUrl = `amqp://guest:guest@127.0.0.1:${silent.port}`;
  });
  afterEach(() => silent.close());

  it('stops the service start-up when the broker accepts TCP but never completes the AMQP handshake, naming the likely cause and the command to check it', async () => {
    let failure: Error | undefined;
    await startTestService({ amqpUrl: silentUrl, amqpConnectTimeoutMs: 500 }).then(
      (service) => service.stop(),
      (error: Error) => (failure = error),
    );
    expect(failure?.name).to.equal('BrokerHandshakeTimeoutError');
    expect(failure?.message)
      .to.contain(
        `RabbitMQ at AMQP_URL=amqp://guest:***@127.0.0.1:${silent.port} did not complete the AMQP connection handshake within 500 ms (AMQP_CONNECT_TIMEOUT_MS)`,
      )
      .and.to.contain('accepts TCP connections')
      .and.to.contain('used up its file descriptors or sockets')
      .and.to.contain('`rabbitmqctl status`')
      .and.to.contain('RABBITMQ_MANAGEMENT_URL');
  });

  it('makes the process exit with that message', async () => {
    const { code, stdout } = await runEntry({ AMQP_URL: silentUrl, AMQP_CONNECT_TIMEOUT_MS: '500', STORE_FSYNC: 'memory', PORT: '0' });
    expect(code).to.equal(1);
    expect(stdout).to.contain('"start-up failed"').and.to.contain('did not complete the AMQP connection handshake within 500 ms');
  });

  it("reports the broker's file descriptors and sockets from the management API when RABBITMQ_MANAGEMENT_URL is set", async () => {
    const management = await startManagementApi([
      {
        name: 'rabbit@broker-1',
        fd_used: 927,
        fd_total: 927,
        sockets_used: 832,
        sockets_total: 832,
        mem_alarm: false,
        disk_free_alarm: false,
      },
    ]);
    try {
      const error = await connectError({ url: silentUrl, connectTimeoutMs: 300, managementUrl: management.url });
      expect(error.message)
        .to.contain(
          'The management API reports rabbit@broker-1: file descriptors 927/927 used (at the limit), sockets 832/832 used (at the limit)',
        )
        .and.not.to.contain('s3cret');
    } finally {
      await management.close();
    }
  });

  it('says so when the management API does not answer either', async () => {
    const silentManagement = await startSilentTcpServer();
    try {
      const error = await connectError({
        url: silentUrl,
        connectTimeoutMs: 300,
        managementUrl: `http://127.0.0.1:${silentManagement.port}`,
      });
      expect(error.message).to.contain(`The management API at http://127.0.0.1:${silentManagement.port} did not answer either`);
    } finally {
      await silentManagement.close();
    }
  });

  it('gives up the stalled connection: the broker is left holding no socket of it', async () => {
    await connectError({ url: silentUrl, connectTimeoutMs: 300 });
    for (let check = 0; silent.connections > 0 && check < 100; check++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(silent.connections).to.equal(0);
  });

  it('still names AMQP_URL and how to start RabbitMQ when nothing listens on the port', async () => {
    const gone = await startSilentTcpServer();
    await gone.close();
    const error = await connectError({ url: `amqp://guest:guest@127.0.0.1:${gone.port}`, connectTimeoutMs: 300, initialAttempts: 0 });
    expect(error.name).to.equal('BrokerUnreachableError');
    expect(error.message).to.contain('rabbitmq-server -detached');
  });
});
