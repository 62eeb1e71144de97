import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { registerEnterprise } from './support/intake-client.js';
import { validXml } from './support/intake-fixtures.js';

const ROOT = '<licence-application xmlns="urn:single-window:licence-application:v1"';
const ENVELOPE = '<Envelope xmlns="urn:single-window:partner-exchange:1"';

describe('XML limits enforced while reading (attributes, names, text)', function () {
  this.timeout(120_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let apiKey: string;

  before(async () => {
    service = await startTestService({ xmlMaxAttributes: 8, xmlMaxNameLength: 64, xmlMaxTextLength: 4096 });
    ({ apiKey } = await registerEnterprise(service.url, 'Quang Ninh Coal Trading JSC'));
  });
  after(async () => service?.stop());

  afterEach(async () => {
    await request(service.url).get('/health/live').expect(200);
  });

  const toDocuments = (path: string) => (xml: string) =>
    request(service.url).post(path).set('Authorization', `Bearer ${apiKey}`).set('Content-Type', 'application/xml').send(xml);
  const paths = [
    { name: 'POST /api/v1/documents', send: toDocuments('/api/v1/documents'), root: ROOT, end: '</licence-application>' },
    { name: 'POST /api/v1/documents/validate', send: toDocuments('/api/v1/documents/validate'), root: ROOT, end: '</licence-application>' },
    {
      name: 'POST /api/v1/partners/{country}/messages',
      send: (xml: string) => request(service.url).post('/api/v1/partners/TH/messages').set('Content-Type', 'application/xml').send(xml),
      root: ENVELOPE,
      end: '</Envelope>',
    },
  ];

  /** The limit's code for the documents API; a partner gets a negative receipt (MALFORMED, 400) quoting the same refusal. */
  const expectRefused = (response: request.Response, code: string, says: RegExp) => {
    expect(response.status, response.text.slice(0, 300)).to.equal(400);
    if (response.type === 'application/xml') {
      expect(response.text).to.include('code="MALFORMED"');
      expect(response.text).to.match(says);
      return undefined;
    }
    expect(response.body.code).to.equal(code);
    expect(response.body.title).to.match(says);
    return response.body as { line: number; column: number };
  };

  for (const { name, send, root, end } of paths) {
    describe(name, () => {
      for (const count of [9, 1000, 800_000]) {
        it(`refuses ${count} attributes on one element at the one past the limit, not after reading them all`, async () => {
          // Short distinct names: 800 000 of them fit in BODY_LIMIT_BYTES.
          const attributes = Array.from({ length: count }, (_, i) => ` x${i.toString(36)}=""`).join('');
          const where = expectRefused(await send(`${root}${attributes}>${end}`), 'XML.TOO_MANY_ATTRIBUTES', /more than 8 attributes/);
          // The namespace declaration and seven attributes pass; the scan stops at the eighth, near the start of the body.
          if (where) expect(where).to.include({ line: 1 }).and.to.have.property('column').below(200);
        });
      }

      it('refuses attributes past the limit on a nested element', async () => {
        expectRefused(
          await send(`${root}><remarks ${Array.from({ length: 20 }, (_, i) => `b${i}="1"`).join(' ')}/>${end}`),
          'XML.TOO_MANY_ATTRIBUTES',
          /more than 8 attributes/,
        );
      });

      const longName = 'n'.repeat(65);
      for (const [what, xml] of [
        ['an element name', `${root}><${longName}/>${end}`],
        ['a 1 MB element name', `${root}><${'n'.repeat(1_000_000)}/>${end}`],
        ['an attribute name', `${root}><remarks ${longName}="1"/>${end}`],
        ['a processing-instruction target', `${root}><?${longName} data?>${end}`],
      ] as const) {
        it(`refuses ${what} longer than XML_MAX_NAME_LENGTH`, async () => {
          expectRefused(await send(xml), 'XML.NAME_TOO_LONG', /longer than 64 characters/);
        });
      }

      for (const [what, xml] of [
        ['text', `${root}><remarks>${'t'.repeat(4097)}</remarks>${end}`],
        ['8 MB of text', `${root}><remarks>${'t'.repeat(7_000_000)}</remarks>${end}`],
        ['a CDATA section', `${root}><remarks><![CDATA[${'c'.repeat(4097)}]]></remarks>${end}`],
        ['an attribute value', `${root}><remarks v="${'v'.repeat(4097)}"/>${end}`],
      ] as const) {
        it(`refuses ${what} longer than XML_MAX_TEXT_LENGTH`, async () => {
          expectRefused(await send(xml), 'XML.TEXT_TOO_LONG', /longer than 4096 characters/);
        });
      }
    });
  }

  it('reads what is within the limits: names, text and attributes up to them', async () => {
    const response = await toDocuments('/api/v1/documents/validate')(
      `${ROOT} ${Array.from({ length: 7 }, (_, i) => `a${i}="1"`).join(' ')}><${'n'.repeat(64)}>${'t'.repeat(4096)}</${'n'.repeat(64)}></licence-application>`,
    );
    expect(response.status).to.equal(422);
    expect(response.body.errors.map((e: { code: string }) => e.code)).to.include('XML.ATTRIBUTE_NOT_ALLOWED');
  });

  it('still accepts a valid document under these limits', async () => {
    await toDocuments('/api/v1/documents')(validXml('licence-application')).expect(202);
  });
});
