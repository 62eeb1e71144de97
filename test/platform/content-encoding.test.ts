import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { ADMIN_TOKEN, registerEnterprise } from '../documents/support/intake-client.js';
import { validJson, validXml } from '../documents/support/intake-fixtures.js';

interface Answer {
  status: number;
  contentType: string | null;
  acceptEncoding: string | null;
  body: { code?: string; [member: string]: unknown };
}

describe('Content-Encoding of request bodies', function () {
  this.timeout(120_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let apiKey: string;
  let davKey: string;

  before(async () => {
    service = await startTestService({ bodyLimitBytes: 1024 * 1024 });
    ({ apiKey } = await registerEnterprise(service.url, 'Can Tho Seafood Processing JSC'));
    davKey = (
      await request(service.url).post('/api/v1/admin/agencies/MOH-DAV/api-keys').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(201)
    ).body.apiKey as string;
  });
  after(async () => service?.stop());

  afterEach(async () => {
    await request(service.url).get('/health/live').expect(200);
  });

  /** Sends the bytes exactly as given (supertest would serialise a Buffer as JSON). */
  const post = async (path: string, body: Uint8Array, encoding: string, contentType = 'application/json'): Promise<Answer> => {
    const key = path.startsWith('/api/v1/agencies/') ? davKey : apiKey;
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': contentType, 'Content-Encoding': encoding },
      body: new Uint8Array(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      acceptEncoding: response.headers.get('accept-encoding'),
      body: response.headers.get('content-type')?.startsWith('application/problem+json') ? (JSON.parse(text) as Answer['body']) : { text },
    };
  };
  const document = Buffer.from(JSON.stringify({ type: 'licence-application', data: validJson('licence-application') }));
  const endpoints = [
    { name: 'POST /api/v1/documents', path: '/api/v1/documents', type: 'application/json' },
    { name: 'POST /api/v1/documents/validate (XML)', path: '/api/v1/documents/validate', type: 'application/xml' },
    { name: 'POST /api/v1/agencies/{code}/decisions', path: '/api/v1/agencies/MOH-DAV/decisions', type: 'application/json' },
    { name: 'POST /api/v1/partners/{country}/messages', path: '/api/v1/partners/TH/messages', type: 'application/xml' },
  ];

  const undecodable: [string, string, Uint8Array][] = [
    ['gzip that is not gzip', 'gzip', Buffer.from('{"type": "licence-application", "data": {}}')],
    ['gzip cut short', 'gzip', gzipSync(document).subarray(0, 40)],
    ['gzip with a corrupt body', 'gzip', Buffer.concat([gzipSync(document).subarray(0, 10), Buffer.alloc(200, 0xff)])],
    ['deflate garbage', 'deflate', Buffer.from('definitely not deflate')],
    ['br garbage', 'br', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01])],
  ];
  for (const { name, path, type } of endpoints) {
    for (const [what, encoding, body] of undecodable) {
      it(`answers ${what} on ${name} with 400 REQUEST.MALFORMED_ENCODING`, async () => {
        const answer = await post(path, body, encoding, type);
        expect(answer.status).to.equal(400);
        expect(answer.contentType).to.match(/^application\/problem\+json/);
        expect(answer.body.code).to.equal('REQUEST.MALFORMED_ENCODING');
      });
    }

    for (const encoding of ['compress', 'x-gzip', 'zstd', 'gzip, gzip', 'identity, gzip', 'gzip;q=1', 'rot13']) {
      it(`answers Content-Encoding "${encoding}" on ${name} with 415, naming the encodings it decodes`, async () => {
        const answer = await post(path, gzipSync(gzipSync(document)), encoding, type);
        expect(answer.status).to.equal(415);
        expect(answer.body.code).to.equal('REQUEST.UNSUPPORTED_ENCODING');
        expect(answer.acceptEncoding).to.equal('gzip, deflate, br');
      });
    }

    it(`bounds a gzip bomb on ${name} by BODY_LIMIT_BYTES counted after decompression: 413`, async () => {
      // 64 MB of spaces in about 64 KB: the limit stops the decompression at 1 MiB.
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
      expect(bomb.length).to.be.below(1024 * 1024);
      const answer = await post(path, bomb, 'gzip', type);
      expect(answer.status).to.equal(413);
      expect(answer.body.code).to.equal('REQUEST.BODY_TOO_LARGE');
    });
  }

  for (const [encoding, compress] of [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
    ['identity', (bytes: Uint8Array) => bytes],
    ['GZip', gzipSync],
  ] as const) {
    it(`accepts a document sent with Content-Encoding ${encoding}`, async () => {
      expect((await post('/api/v1/documents', compress(document), encoding)).status).to.equal(202);
      expect(
        (await post('/api/v1/documents/validate', compress(Buffer.from(validXml('licence-application'))), encoding, 'application/xml'))
          .status,
      ).to.equal(200);
    });
  }
});
