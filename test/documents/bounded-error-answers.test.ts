import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { fixture } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';
import { validJson } from './support/intake-fixtures.js';

/** Whatever the input, no error answer is larger than this. */
const ANSWER_BOUND = 64 * 1024;
const MEGA_NAME = 'n'.repeat(1_000_000);
const XML_ROOT = '<licence-application xmlns="urn:single-window:licence-application:v1">';

describe('error answers stay small whatever the input', function () {
  this.timeout(120_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let client: ReturnType<typeof singleWindowClient>;
  let apiKey: string;
  let davKey: string;
  let documentId: string;

  before(async () => {
    service = await startTestService();
    client = singleWindowClient(service.url);
    ({ apiKey } = await client.registerEnterprise('Binh Duong Furniture Export Co., Ltd.'));
    davKey = await client.agencyKey('MOH-DAV');
    ({ id: documentId } = await client.submit(apiKey, 'customs-declaration', fixture('routing/import-salmon-and-medicines.json')));
  });
  after(async () => service?.stop());

  const json = (path: string, body: string, key = apiKey) =>
    request(service.url).post(path).set('Authorization', `Bearer ${key}`).set('Content-Type', 'application/json').send(body);
  const xml = (body: string, path = '/api/v1/documents') =>
    request(service.url).post(path).set('Authorization', `Bearer ${apiKey}`).set('Content-Type', 'application/xml').send(body);
  const withMembers = (count: number, name: (index: number) => string) => {
    const data: Record<string, unknown> = validJson('licence-application');
    for (let index = 0; index < count; index += 1) data[name(index)] = index;
    return data;
  };

  const amplifiers: { what: string; send: () => request.Test; status: number }[] = [
    {
      what: '100 000 attributes on one XML element',
      status: 400,
      send: () => xml(`<licence-application ${Array.from({ length: 100_000 }, (_, i) => `a${i}="1"`).join(' ')}/>`),
    },
    {
      what: 'attributes on thousands of XML elements',
      status: 422,
      send: () => xml(`${XML_ROOT}<goods>${'<goodsItem a="1" b="2" c="3"/>'.repeat(4000)}</goods></licence-application>`),
    },
    { what: 'a 1 MB root element name', status: 400, send: () => xml(`<${MEGA_NAME}/>`) },
    { what: 'a 1 MB element name inside the document', status: 400, send: () => xml(`${XML_ROOT}<${MEGA_NAME}/></licence-application>`) },
    { what: 'a 1 MB name in an end tag', status: 400, send: () => xml(`${XML_ROOT}</${MEGA_NAME}>`) },
    { what: 'a 60 KB namespace', status: 400, send: () => xml(`<licence-application xmlns="urn:${'x'.repeat(60_000)}"/>`) },
    {
      what: 'thousands of unknown XML elements with long names',
      status: 422,
      send: () => xml(`${XML_ROOT}${Array.from({ length: 3000 }, (_, i) => `<${'u'.repeat(250)}${i}/>`).join('')}</licence-application>`),
    },
    {
      what: '50 000 unknown JSON members',
      status: 422,
      send: () => json('/api/v1/documents', JSON.stringify({ type: 'licence-application', data: withMembers(50_000, (i) => `x${i}`) })),
    },
    {
      what: 'a 1 MB unknown JSON member name',
      status: 422,
      send: () =>
        json('/api/v1/documents/validate', JSON.stringify({ type: 'licence-application', data: withMembers(1, () => MEGA_NAME) })),
    },
    {
      what: 'hundreds of forbidden member names deep under long ones',
      status: 422,
      send: () => {
        const names = Array.from({ length: 25 }, (_, i) => `${'k'.repeat(1000)}${i}`);
        const innermost = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`$${'f'.repeat(1000)}${i}`, 1]));
        const deep = names.reduceRight<Record<string, unknown>>((inner, name) => ({ [name]: inner }), innermost);
        return json(
          '/api/v1/documents',
          JSON.stringify({ type: 'licence-application', data: { ...validJson('licence-application'), ...deep } }),
        );
      },
    },
    {
      what: 'a 1 MB value for an enumerated member',
      status: 422,
      send: () =>
        json(
          '/api/v1/documents',
          JSON.stringify({
            type: 'licence-application',
            data: { ...validJson('licence-application'), licenceKind: 'Z'.repeat(1_000_000) },
          }),
        ),
    },
    {
      what: 'a 1 MB document type',
      status: 400,
      send: () => json('/api/v1/documents', JSON.stringify({ type: 'T'.repeat(1_000_000), data: {} })),
    },
    {
      what: 'thousands of invalid goods items',
      status: 422,
      send: () =>
        json(
          '/api/v1/documents',
          JSON.stringify({
            type: 'licence-application',
            data: {
              ...validJson('licence-application'),
              goods: Array.from({ length: 900 }, () => ({ hsCode: 'x'.repeat(900), quantity: 'many' })),
            },
          }),
        ),
    },
    {
      what: 'envelope members besides type and data',
      status: 400,
      send: () =>
        json(
          '/api/v1/documents',
          JSON.stringify(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`${MEGA_NAME.slice(0, 1000)}${i}`, 1]))),
        ),
    },
    {
      what: 'a decision with 50 000 unknown members and a 1 MB one',
      status: 422,
      send: () =>
        json(
          '/api/v1/agencies/MOH-DAV/decisions',
          JSON.stringify({
            documentId,
            agency: 'MOH-DAV',
            decision: 'ACKNOWLEDGED',
            decidedAt: new Date().toISOString(),
            [MEGA_NAME]: 1,
            ...Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`x${i}`, i])),
          }),
          davKey,
        ),
    },
    {
      what: 'an amendment with 50 000 unknown members and a 1 MB one',
      status: 422,
      send: () =>
        json(
          `/api/v1/documents/${documentId}/amendments`,
          JSON.stringify({
            answer: 'see data',
            data: {},
            [MEGA_NAME]: 1,
            ...Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`x${i}`, i])),
          }),
        ),
    },
    { what: 'a 16 KB unknown path', status: 404, send: () => request(service.url).get(`/${'p'.repeat(16_000)}`) },
    {
      what: 'a 4 KB unknown query parameter',
      status: 400,
      send: () =>
        request(service.url)
          .get(`/api/v1/documents?${'q'.repeat(4000)}=1`)
          .set('Authorization', `Bearer ${apiKey}`),
    },
  ];

  for (const { what, send, status } of amplifiers) {
    it(`answers ${what} with a ${status} under 64 KiB`, async () => {
      const response = await send();
      expect(response.status, response.text.slice(0, 300)).to.equal(status);
      expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(Buffer.byteLength(response.text)).to.be.below(ANSWER_BOUND);
      // Quotes of the input are cut short: no run of one repeated character as long as the names sent.
      expect(response.text).to.not.match(/(.)\1{300}/);
    });
  }

  it('lists at most VALIDATION_MAX_ERRORS problems and says more exist', async () => {
    const response = await json(
      '/api/v1/documents',
      JSON.stringify({ type: 'licence-application', data: withMembers(5000, (i) => `x${i}`) }),
    ).expect(422);
    expect(response.body.errors).to.have.length(100);
    expect(response.body.errorsTruncated).to.equal(true);
    const attributes = await xml(`${XML_ROOT}<goods>${'<goodsItem a="1"/>'.repeat(500)}</goods></licence-application>`).expect(422);
    expect(attributes.body.errors).to.have.length(100);
    expect(attributes.body.errorsTruncated).to.equal(true);
    const decision = await json(
      '/api/v1/agencies/MOH-DAV/decisions',
      JSON.stringify({
        documentId,
        agency: 'MOH-DAV',
        decision: 'ACKNOWLEDGED',
        decidedAt: new Date().toISOString(),
        ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x${i}`, i])),
      }),
      davKey,
    ).expect(422);
    expect(decision.body.errors).to.have.length(100);
    expect(decision.body.errorsTruncated).to.equal(true);
  });

  it('quotes a long name cut short with an ellipsis', async () => {
    const response = await json(
      '/api/v1/documents/validate',
      JSON.stringify({ type: 'licence-application', data: withMembers(1, () => `$${'y'.repeat(5000)}`) }),
    ).expect(422);
    const [issue] = response.body.errors as { pointer: string; message: string }[];
    expect(issue!.message).to.equal(`the member name "$${'y'.repeat(63)}…" is not accepted`);
    const element = await xml(`${XML_ROOT}</${'e'.repeat(5000)}>`).expect(400);
    expect(element.body.title).to.include(`'${'e'.repeat(64)}…'`);
  });
});
