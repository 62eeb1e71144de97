import { expect } from 'chai';
import request from 'supertest';
import { startTestService } from '../support/test-service.js';
import { requireTestAmqpUrl } from '../support/rabbitmq-vhost.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import type { RunningService } from '../../src/service.js';

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('health', () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let service: RunningService;

  before(async () => {
    proxy = await startTcpProxy(5672);
    const url = new URL(requireTestAmqpUrl());
    url.port = String(proxy.port);
    service = await startTestService({ amqpUrl: url.toString() });
  });

  after(async () => {
    await service.stop();
    await proxy.close();
  });

  it('is live and ready when the store and the broker answer', async () => {
    await request(service.url).get('/health/live').expect(200, { status: 'up' });
    const ready = await request(service.url).get('/health/ready').expect(200);
    expect(ready.body).to.deep.equal({ status: 'up', checks: { store: 'up', broker: 'up' } });
  });

  it('answers 503 on readiness while the broker is unreachable and 200 again once it is back', async () => {
    proxy.cut();
    await eventually(async () => (await request(service.url).get('/health/ready')).status === 503, 'readiness 503');
    const down = await request(service.url).get('/health/ready').expect(503);
    expect(down.body.checks).to.deep.equal({ store: 'up', broker: 'down' });
    await request(service.url).get('/health/live').expect(200);
    proxy.restore();
    await eventually(async () => (await request(service.url).get('/health/ready')).status === 200, 'readiness 200');
  });

  it('exposes HTTP request histograms and process metrics in Prometheus format', async () => {
    await request(service.url).get('/health/live');
    const res = await request(service.url).get('/metrics').expect(200);
    expect(res.headers['content-type']).to.match(/^text\/plain/);
    expect(res.text).to.contain('sw_http_request_duration_seconds_bucket');
    expect(res.text).to.contain('route="/health/live"');
    expect(res.text).to.contain('process_cpu_user_seconds_total');
  });
});
