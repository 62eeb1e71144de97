import { connect } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { ADMIN_TOKEN, registerEnterprise } from '../documents/support/intake-client.js';
import { validJson } from '../documents/support/intake-fixtures.js';

interface Trickled {
  /** Everything the service wrote back before it closed the connection. */
  answer: string;
  /** The status of a health check made while the slow client's connection was still open. */
  healthWhileOpen: number;
}

/**
 * A client on a raw socket: sends `head`, then `drip` every `everyMs` for as long as
 * the service keeps the connection open, and checks meanwhile that the service still
 * answers others. Resolves once the service has closed the connection.
 */
async function trickle(url: string, head: string, drip: string, everyMs: number): Promise<Trickled> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let answer = '';
  let closed = false;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (answer += chunk));
  // Writes racing the service's close fail; the close is what the test waits for.
  socket.on('error', () => undefined);
  const gone = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('close', () => (closed = true));
  socket.write(head);
  const dripping = setInterval(() => {
    if (!closed) socket.write(drip);
  }, everyMs);
  try {
    const health = await request(url).get('/health/live');
    expect(closed, 'the slow connection was still open during the health check').to.equal(false);
    await gone;
    return { answer, healthWhileOpen: health.status };
  } finally {
    clearInterval(dripping);
    socket.destroy();
  }
}

/** The problem body of a raw HTTP answer. */
function problemOf(answer: string): { status: number; contentType: string | undefined; body: { code: string; [member: string]: unknown } } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const contentType = /^content-type: *(.+)$/im.exec(head)?.[1]?.trim();
  return { status, contentType, body: JSON.parse(body) as { code: string } };
}

describe('slow clients (HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_MIN_BODY_BYTES_PER_SECOND)', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let apiKey: string;
  let davKey: string;
  let host: string;

  before(async () => {
    service = await startTestService({
      httpHeadersTimeoutMs: 1000,
      httpRequestTimeoutMs: 4000,
      httpBodyGraceMs: 1000,
      httpMinBodyBytesPerSecond: 1000,
    });
    ({ apiKey } = await registerEnterprise(service.url, 'Da Nang Port Logistics JSC'));
    davKey = (
      await request(service.url).post('/api/v1/admin/agencies/MOH-DAV/api-keys').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(201)
    ).body.apiKey as string;
    host = new URL(service.url).host;
  });
  after(async () => service?.stop());

  const headOf = (path: string, key: string | undefined, contentType: string, length: number) =>
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${key ? `Authorization: Bearer ${key}\r\n` : ''}Content-Type: ${contentType}\r\nContent-Length: ${length}\r\n\r\n`;
  const bodyReaders = [
    {
      name: 'POST /api/v1/documents',
      head: () => headOf('/api/v1/documents', apiKey, 'application/json', 100_000) + '{"type":"licence-application","data":{"remarks":"',
    },
    {
      name: 'POST /api/v1/documents/validate (XML)',
      head: () => headOf('/api/v1/documents/validate', apiKey, 'application/xml', 100_000) + '<licence-application><remarks>',
    },
    {
      name: 'POST /api/v1/agencies/{code}/decisions',
      head: () => headOf('/api/v1/agencies/MOH-DAV/decisions', davKey, 'application/json', 100_000) + '{"reasons":["',
    },
    {
      name: 'POST /api/v1/partners/{country}/messages',
      head: () => headOf('/api/v1/partners/TH/messages', undefined, 'application/xml', 100_000) + '<Envelope>',
    },
  ];

  for (const { name, head } of bodyReaders) {
    it(`cuts off a body trickled a byte at a time on ${name} with 408 problem+json and closes the connection`, async () => {
      const { answer, healthWhileOpen } = await trickle(service.url, head(), 'a', 100);
      expect(healthWhileOpen).to.equal(200);
      const problem = problemOf(answer);
      expect(problem.status).to.equal(408);
      expect(problem.contentType).to.match(/^application\/problem\+json/);
      expect(problem.body).to.include({ code: 'REQUEST.BODY_TOO_SLOW', minBytesPerSecond: 1000 });
    });
  }

  it('cuts off a client that sends its headers and then no body at all', async () => {
    const { answer } = await trickle(service.url, headOf('/api/v1/documents', apiKey, 'application/json', 5000), '', 100);
    expect(problemOf(answer).body.code).to.equal('REQUEST.BODY_TOO_SLOW');
  });

  it('cuts off headers trickled a line at a time with 408 problem+json (HTTP_HEADERS_TIMEOUT_MS)', async () => {
    const { answer, healthWhileOpen } = await trickle(
      service.url,
      `POST /api/v1/documents HTTP/1.1\r\nHost: ${host}\r\n`,
      'X-Slow: 1\r\n',
      100,
    );
    expect(healthWhileOpen).to.equal(200);
    const problem = problemOf(answer);
    expect(problem.status).to.equal(408);
    expect(problem.contentType).to.match(/^application\/problem\+json/);
    expect(problem.body.code).to.equal('REQUEST.TIMEOUT');
  });

  it('cuts off a body fast enough for the rate but not done within HTTP_REQUEST_TIMEOUT_MS with 408 problem+json', async () => {
    const { answer } = await trickle(
      service.url,
      headOf('/api/v1/documents', apiKey, 'application/json', 1_000_000) + '{"type":"licence-application","data":{"remarks":"',
      'a'.repeat(400),
      100,
    );
    const problem = problemOf(answer);
    expect(problem.status).to.equal(408);
    expect(problem.body.code).to.equal('REQUEST.TIMEOUT');
  });

  it('closes a connection whose body no route reads once HTTP_REQUEST_TIMEOUT_MS has passed', async () => {
    const { answer } = await trickle(service.url, `GET /health/live HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 100000\r\n\r\n`, 'a', 100);
    expect(answer).to.match(/^HTTP\/1\.1 200/);
  });

  it('reads a body that arrives slowly but above the minimum rate', async () => {
    // Indented: about 8 KB, so it takes longer than the grace period at this pace.
    const body = Buffer.from(JSON.stringify({ type: 'licence-application', data: validJson('licence-application') }, null, 40));
    const { hostname, port } = new URL(service.url);
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(headOf('/api/v1/documents', apiKey, 'application/json', body.length).replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
    // About 4 KB a second, over longer than the grace period.
    for (let offset = 0; offset < body.length; offset += 400) {
      socket.write(body.subarray(offset, offset + 400));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await closed;
    expect(answer, answer.slice(0, 400)).to.match(/^HTTP\/1\.1 202/);
  });

  it('still answers ordinary requests', async () => {
    await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${apiKey}`)
      .send({ type: 'licence-application', data: validJson('licence-application') })
      .expect(202);
  });
});
