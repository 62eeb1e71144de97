import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { registerEnterprise, submitJson } from './support/intake-client.js';
import { validJson } from './support/intake-fixtures.js';

describe('listing own documents', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let apiKey: string;
  const submitted: { id: string; type: string }[] = [];

  const list = (query: string) => request(service.url).get(`/api/v1/documents${query}`).set('Authorization', `Bearer ${apiKey}`);

  before(async () => {
    service = await startTestService();
    ({ apiKey } = await registerEnterprise(service.url, 'Binh Duong Furniture Manufacturing Co., Ltd.'));
    const plan = [
      'licence-application',
      'certificate-of-origin',
      'licence-application',
      'phytosanitary-certificate',
      'licence-application',
      'certificate-of-origin',
      'licence-application',
    ];
    for (const type of plan) {
      const response = await submitJson(service.url, apiKey, type, validJson(type)).expect(202);
      submitted.push({ id: response.body.id, type });
    }
  });
  after(async () => service?.stop());

  it('lists newest first with summaries only (no data, no outbox)', async () => {
    const response = await list('').expect(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).to.deep.equal(submitted.map((d) => d.id).reverse());
    const [item] = response.body.items;
    expect(item).to.have.all.keys(
      'id',
      'reference',
      'type',
      'schemaVersion',
      'status',
      'sourceFormat',
      'submittedAt',
      'updatedAt',
      'links',
    );
    expect(response.body).not.to.have.property('nextCursor');
  });

  it('filters by type and by status', async () => {
    const licences = await list('?type=licence-application').expect(200);
    expect(licences.body.items.map((item: { id: string }) => item.id)).to.deep.equal(
      submitted
        .filter((d) => d.type === 'licence-application')
        .map((d) => d.id)
        .reverse(),
    );
    const status = licences.body.items[0].status;
    const sameStatus = await list(`?status=${status}&type=licence-application`).expect(200);
    expect(sameStatus.body.items).to.have.length(4);
    const rejected = await list('?status=REJECTED').expect(200);
    expect(rejected.body.items).to.deep.equal([]);
  });

  it('filters by submission time, from inclusive to exclusive', async () => {
    const all = (await list('').expect(200)).body.items as { id: string; submittedAt: string }[];
    const oldest = all[all.length - 1]!;
    const from = await list(`?submittedFrom=${encodeURIComponent(oldest.submittedAt)}`).expect(200);
    expect(from.body.items).to.have.length(all.length);
    const to = await list(`?submittedTo=${encodeURIComponent(oldest.submittedAt)}`).expect(200);
    expect(to.body.items.map((item: { id: string }) => item.id)).not.to.include(oldest.id);
    const future = await list('?submittedFrom=2999-01-01').expect(200);
    expect(future.body.items).to.deep.equal([]);
  });

  it('pages through everything with an opaque cursor, each document once', async () => {
    const seen: string[] = [];
    let next: string | undefined = '?limit=3';
    let pages = 0;
    while (next) {
      const response: request.Response = await list(next.replace('/api/v1/documents', '')).expect(200);
      seen.push(...response.body.items.map((item: { id: string }) => item.id));
      next = response.body.links.next;
      pages += 1;
    }
    expect(pages).to.equal(3);
    expect(seen).to.deep.equal(submitted.map((d) => d.id).reverse());
  });

  it('keeps the filter across pages', async () => {
    const page = await list('?type=licence-application&limit=2').expect(200);
    const rest = await list(`?type=licence-application&limit=2&cursor=${page.body.nextCursor}`).expect(200);
    expect([...page.body.items, ...rest.body.items].every((item: { type: string }) => item.type === 'licence-application')).to.equal(true);
    expect(rest.body.items).to.have.length(2);
  });

  const badQueries: [string, string][] = [
    ['?limit=0', 'QUERY.INVALID_PARAMETER'],
    ['?limit=101', 'QUERY.INVALID_PARAMETER'],
    ['?limit=ten', 'QUERY.INVALID_PARAMETER'],
    ['?type=invoice', 'QUERY.INVALID_PARAMETER'],
    ['?status=PENDING', 'QUERY.INVALID_PARAMETER'],
    ['?status=ROUTED&status=SUBMITTED', 'QUERY.INVALID_PARAMETER'],
    ['?submittedFrom=yesterday', 'QUERY.INVALID_PARAMETER'],
    ['?submittedFrom=2025-02-30', 'QUERY.INVALID_PARAMETER'],
    ['?submittedFrom=2026-01-02&submittedTo=2026-01-01', 'QUERY.INVALID_PARAMETER'],
    ['?cursor=bm90LWEtY3Vyc29y', 'QUERY.INVALID_CURSOR'],
    ['?status[$ne]=REJECTED', 'QUERY.UNKNOWN_PARAMETER'],
    ['?enterpriseId=someone-else', 'QUERY.UNKNOWN_PARAMETER'],
  ];
  for (const [query, code] of badQueries) {
    it(`answers ${query} with 400 ${code}`, async () => {
      const response = await list(query).expect(400);
      expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(response.body.code).to.equal(code);
    });
  }
});
