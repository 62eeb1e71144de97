import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { fixture } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';
import { validJson } from './support/intake-fixtures.js';

/** `depth` arrays or objects inside one another around `inner`, as JSON text (built as text: JSON.stringify would recurse). */
function nested(kind: 'array' | 'object', depth: number, inner = '1'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

describe('deeply nested JSON (JSON_MAX_DEPTH)', function () {
  this.timeout(120_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let client: ReturnType<typeof singleWindowClient>;
  let apiKey: string;
  let davKey: string;
  let documentId: string;

  before(async () => {
    service = await startTestService();
    client = singleWindowClient(service.url);
    ({ apiKey } = await client.registerEnterprise('Nam Dinh Textile Export JSC'));
    davKey = await client.agencyKey('MOH-DAV');
    ({ id: documentId } = await client.submit(apiKey, 'customs-declaration', fixture('routing/import-salmon-and-medicines.json')));
  });
  after(async () => service?.stop());

  afterEach(async () => {
    await request(service.url).get('/health/live').expect(200);
  });

  const post = (path: string, body: string, key = apiKey) =>
    request(service.url).post(path).set('Authorization', `Bearer ${key}`).set('Content-Type', 'application/json').send(body);

  /** Every JSON body the service reads, with `value` somewhere inside it. */
  const endpoints: { name: string; send: (value: string) => request.Test }[] = [
    {
      name: 'POST /api/v1/documents',
      send: (value) => post('/api/v1/documents', `{"type":"licence-application","data":{"remarks":${value}}}`),
    },
    {
      name: 'POST /api/v1/documents/validate',
      send: (value) => post('/api/v1/documents/validate', `{"type":"licence-application","data":{"remarks":${value}}}`),
    },
    {
      name: 'POST /api/v1/documents with an Idempotency-Key',
      send: (value) =>
        post('/api/v1/documents', `{"type":"licence-application","data":{"remarks":${value}}}`).set(
          'Idempotency-Key',
          `deep-${Math.random()}`,
        ),
    },
    {
      name: 'POST /api/v1/documents/{id}/amendments',
      send: (value) => post(`/api/v1/documents/${documentId}/amendments`, `{"answer":"Corrected","data":{"remarks":${value}}}`),
    },
    {
      name: 'POST /api/v1/agencies/{code}/decisions',
      send: (value) =>
        post(
          '/api/v1/agencies/MOH-DAV/decisions',
          `{"documentId":"${documentId}","agency":"MOH-DAV","decision":"ACKNOWLEDGED","decidedAt":"2026-01-05T08:00:00Z","reasons":${value}}`,
          davKey,
        ),
    },
  ];

  for (const { name, send } of endpoints) {
    for (const depth of [5_000, 100_000]) {
      for (const kind of ['array', 'object'] as const) {
        it(`answers ${depth} nested ${kind}s inside the body of ${name} with 400 JSON.TOO_DEEP`, async () => {
          const response = await send(nested(kind, depth)).expect(400);
          expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
          expect(response.body).to.include({ code: 'JSON.TOO_DEEP', maxDepth: 32 });
        });
      }
    }

    it(`reads nesting up to the limit on ${name} and answers it as the input it is, never 500`, async () => {
      // 32 levels with the envelope: the member scan and the schema walk it, and refuse it as a document.
      const response = await send(nested('object', 28));
      expect(response.status).to.be.oneOf([400, 422]);
      expect(response.body.code).to.not.equal('JSON.TOO_DEEP');
    });
  }

  for (const depth of [5_000, 100_000]) {
    for (const kind of ['array', 'object'] as const) {
      it(`answers ${depth} nested ${kind}s as the whole body with 400 JSON.TOO_DEEP`, async () => {
        const response = await post('/api/v1/documents', nested(kind, depth)).expect(400);
        expect(response.body.code).to.equal('JSON.TOO_DEEP');
      });
    }
  }

  it('counts brackets inside strings as text, not as nesting', async () => {
    const data = validJson('licence-application') as { purpose: Record<string, unknown> };
    // Escaped quotes and backslashes too: the scan must find where each string ends.
    data.purpose.description = '[{\\"'.repeat(5000);
    const response = await post('/api/v1/documents/validate', JSON.stringify({ type: 'licence-application', data }));
    expect(response.body.code).to.not.equal('JSON.TOO_DEEP');
  });

  it('still accepts documents afterwards', async () => {
    await post('/api/v1/documents', JSON.stringify({ type: 'licence-application', data: validJson('licence-application') })).expect(202);
  });
});
