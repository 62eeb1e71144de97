import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';

describe('inbound partner rate limit', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;

  before(async () => {
    service = await startTestService({ partnerInboundPerMinute: 2 });
  });
  after(async () => service?.stop());

  const post = (country: string, body: string) =>
    request(service.url).post(`/api/v1/partners/${country}/messages`).set('Content-Type', 'application/xml').send(body);

  it("answers a partner's path over its limit with 429 before reading the body, and leaves other partners alone", async () => {
    const notAMessage = '<Envelope xmlns="urn:example"/>';
    for (let i = 0; i < 2; i += 1)
      expect((await post('TH', notAMessage)).status)
        .to.be.within(400, 499)
        .and.not.equal(429);
    // Larger than any body limit would allow: a 413 would mean it had been read.
    const flood = await post('TH', `<x>${'a'.repeat(9 * 1024 * 1024)}</x>`).expect(429);
    expect(flood.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(flood.body.code).to.equal('RATE_LIMIT.EXCEEDED');
    expect(flood.headers['retry-after']).to.match(/^\d+$/);
    expect((await post('KR', notAMessage)).status).to.not.equal(429);
  });
});
