import { expect } from 'chai';
import request from 'supertest';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { amqpProbe } from '../routing/support/amqp-probe.js';
import { garmentsDeclaration } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';

describe('the broker connection dropped mid-stream', function () {
  this.timeout(90_000);

  it('loses no message: submissions are stored while the broker is away and published once it is back', async () => {
    const direct = new URL(requireTestAmqpUrl());
    const proxy = await startTcpProxy(Number(direct.port || 5672));
    const proxied = new URL(direct);
    proxied.port = String(proxy.port);
    const service = await startTestService({
      amqpUrl: proxied.toString(),
      publishTimeoutMs: 1000,
      relayRetryBaseMs: 100,
      relayLeaseMs: 5000,
    });
    const probe = await amqpProbe(requireTestAmqpUrl());
    try {
      await probe.purge('sw.agency.CUSTOMS');
      const toCustoms = await probe.collect('sw.agency.CUSTOMS');
      const client = singleWindowClient(service.url);
      const { apiKey } = await client.registerEnterprise('May 10 Garment Corporation');
      const submitted: string[] = [];
      const submitSome = async (count: number, label: string) => {
        for (let i = 0; i < count; i += 1)
          submitted.push((await client.submit(apiKey, 'customs-declaration', garmentsDeclaration(`M10-${label}/${i}`))).id);
      };

      await submitSome(5, 'before');
      proxy.cut();
      const ready = async () => (await request(service.url).get('/health/ready')).status;
      let status = await ready();
      for (let i = 0; i < 100 && status !== 503; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await ready();
      }
      expect(status, 'readiness while the broker is cut off').to.equal(503);
      await submitSome(10, 'during');
      proxy.restore();
      for (let i = 0; i < 200 && status !== 200; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await ready();
      }
      expect(status, 'readiness once the broker is back').to.equal(200);
      await submitSome(5, 'after');

      await probe.waitFor(
        () => (submitted.every((id) => toCustoms.some((m) => m.properties.correlationId === id)) ? true : undefined),
        'every document at customs',
        30_000,
      );
      expect(new Set(toCustoms.map((m) => m.properties.correlationId)).size).to.equal(submitted.length);
    } finally {
      await probe.close();
      await service.stop();
      await proxy.close();
    }
  });
});
