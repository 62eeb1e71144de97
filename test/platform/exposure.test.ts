import { expect } from 'chai';
import request from 'supertest';
import { ConfigError, loadConfig } from '../../src/platform/config/config.js';
import type { RunningService } from '../../src/service.js';
import { startTestService } from '../support/test-service.js';

const TOKEN = 'metrics-scraper-token-0123456789';

/** The same port on another loopback address: answered by a server on 0.0.0.0, refused by one on 127.0.0.1 only. */
const onOtherLoopback = (url: string) => url.replace('127.0.0.1', '127.0.0.2');

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/health/live`);
    return false;
  } catch (error) {
    return ((error as Error & { cause?: { code?: string } }).cause?.code ?? '') === 'ECONNREFUSED';
  }
}

describe('exposure: listening address and /metrics', function () {
  it('keeps listening on 0.0.0.0 unless HOST says otherwise, and refuses a HOST that is no address', () => {
    expect(loadConfig({})).to.include({ host: '0.0.0.0', metricsPort: undefined, metricsToken: '' });
    expect(loadConfig({ HOST: '::1', METRICS_PORT: '9464' })).to.include({ host: '::1', metricsPort: 9464 });
    expect(() => loadConfig({ HOST: 'every interface' })).to.throw(ConfigError, 'HOST: must be an IP address or a host name');
  });

  this.timeout(60_000);
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  it('listens on every interface by default, and only where HOST says when it is set', async () => {
    service = await startTestService({ roles: ['api'] });
    await request(onOtherLoopback(service.url)).get('/health/live').expect(200);
    await service.stop();

    service = await startTestService({ roles: ['api'], host: '127.0.0.1' });
    await request(service.url).get('/health/live').expect(200);
    expect(await refused(onOtherLoopback(service.url))).to.equal(true);
  });

  it('with METRICS_TOKEN, answers /metrics only with the token, and 401 problem+json without it', async () => {
    service = await startTestService({ roles: ['api'], metricsToken: TOKEN });
    const missing = await request(service.url)
      .get('/metrics')
      .expect(401)
      .expect('Content-Type', /application\/problem\+json/);
    expect(missing.body).to.include({ status: 401, code: 'AUTH.MISSING_TOKEN', instance: '/metrics' });
    expect(missing.headers['www-authenticate']).to.equal('Bearer realm="metrics"');
    const wrong = await request(service.url).get('/metrics').set('Authorization', 'Bearer not-the-metrics-token-at-all').expect(401);
    expect(wrong.body).to.include({ code: 'AUTH.INVALID_TOKEN' });
    const served = await request(service.url).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(served.text).to.contain('# TYPE process_cpu_seconds_total');
    // Health stays open: load balancers send no token.
    await request(service.url).get('/health/ready').expect(200);
  });

  it('with METRICS_PORT, serves /metrics only on that port', async () => {
    service = await startTestService({ roles: ['api'], metricsPort: 0 });
    expect(service.metricsUrl).to.not.equal(service.url);
    const absent = await request(service.url)
      .get('/metrics')
      .expect(404)
      .expect('Content-Type', /application\/problem\+json/);
    expect(absent.body).to.include({ code: 'ROUTE.NOT_FOUND' });
    const served = await request(service.metricsUrl).get('/metrics').expect(200);
    expect(served.text).to.contain('# TYPE process_cpu_seconds_total');
    // The metrics port serves metrics and nothing else.
    await request(service.metricsUrl).get('/health/live').expect(404);
    await request(service.url).get('/health/live').expect(200);
  });

  it('with both, the metrics port asks for the token', async () => {
    service = await startTestService({ roles: ['api'], metricsPort: 0, metricsToken: TOKEN });
    await request(service.metricsUrl).get('/metrics').expect(401);
    await request(service.metricsUrl).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  });
});
