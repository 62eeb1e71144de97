import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { registerEnterprise } from './support/intake-client.js';

describe('rate limit per API key', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;

  before(async () => {
    service = await startTestService({ rateLimitPerMinute: 3 });
  });
  after(async () => service?.stop());

  it('answers the request over RATE_LIMIT_PER_MINUTE with 429 problem+json and the standard headers', async () => {
    const { apiKey } = await registerEnterprise(service.url, 'Saigon Export Trading JSC');
    const list = () => request(service.url).get('/api/v1/documents').set('Authorization', `Bearer ${apiKey}`);
    const first = await list().expect(200);
    expect(first.headers.ratelimit).to.match(/; r=2; t=\d+$/);
    expect(first.headers['ratelimit-policy']).to.match(/q=3; w=60/);
    await list().expect(200);
    await list().expect(200);
    const limited = await list().expect(429);
    expect(limited.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(limited.body.code).to.equal('RATE_LIMIT.EXCEEDED');
    expect(Number(limited.headers['retry-after'])).to.be.greaterThan(0);
  });

  it('counts each API key on its own', async () => {
    const busy = await registerEnterprise(service.url, 'Da Nang Frozen Foods Co., Ltd.');
    const quiet = await registerEnterprise(service.url, 'Quang Ninh Coal Trading JSC');
    for (let i = 0; i < 3; i += 1)
      await request(service.url).get('/api/v1/documents').set('Authorization', `Bearer ${busy.apiKey}`).expect(200);
    await request(service.url).get('/api/v1/documents').set('Authorization', `Bearer ${busy.apiKey}`).expect(429);
    await request(service.url).get('/api/v1/documents').set('Authorization', `Bearer ${quiet.apiKey}`).expect(200);
  });
});
