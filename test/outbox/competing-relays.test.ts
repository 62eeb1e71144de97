import { expect } from 'chai';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSelfSignedIdentity } from '../../src/partners/signing/self-signed-certificate.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { startService, type RunningService } from '../../src/service.js';
import { ADMIN_TOKEN, singleWindowClient } from '../routing/support/single-window-client.js';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { amqpProbe } from '../routing/support/amqp-probe.js';
import { garmentsDeclaration } from '../routing/support/routing-kit.js';

const DOCUMENTS = 60;

describe('relays in several processes', function () {
  this.timeout(90_000);

  it('publish each message once in normal operation', async () => {
    const api = await startTestService({ roles: ['api', 'decisions'] });
    const { host, port, name } = api.context.db.connection;
    const relays: RunningService[] = [];
    // A process on a real MongoDB URI needs the partner signing identity from files, as in production.
    const keys = await mkdtemp(path.join(tmpdir(), 'sw-relays-'));
    const identity = createSelfSignedIdentity({
      country: 'VN',
      organisation: 'VN National Single Window (test)',
      commonName: 'relay test',
    });
    await writeFile(path.join(keys, 'key.pem'), identity.privateKeyPem);
    await writeFile(path.join(keys, 'cert.pem'), identity.certificatePem);
    const probe = await amqpProbe(requireTestAmqpUrl());
    try {
      for (let i = 0; i < 3; i += 1) {
        relays.push(
          await startService(
            loadConfig(
              {},
              {
                roles: ['relay'],
                port: 0,
                mongodbUri: `mongodb://${host}:${port}/${name}`,
                amqpUrl: requireTestAmqpUrl(),
                adminToken: ADMIN_TOKEN,
                logLevel: 'error',
                relayPollIntervalMs: 5,
                relayBatchSize: 4,
                partnerSigningKeyFile: path.join(keys, 'key.pem'),
                partnerSigningCertFile: path.join(keys, 'cert.pem'),
              },
            ),
          ),
        );
      }
      await probe.purge('sw.agency.CUSTOMS');
      const toCustoms = await probe.collect('sw.agency.CUSTOMS');
      const client = singleWindowClient(api.url);
      const { apiKey } = await client.registerEnterprise('Nha Be Garment Corporation');
      await Promise.all(
        Array.from({ length: DOCUMENTS }, (_, i) => client.submit(apiKey, 'customs-declaration', garmentsDeclaration(`NBG-25/${i}`))),
      );
      await probe.waitFor(() => (toCustoms.length >= DOCUMENTS ? true : undefined), `${DOCUMENTS} messages`);
      // Give any double publication time to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(toCustoms).to.have.length(DOCUMENTS);
      expect(new Set(toCustoms.map((m) => m.properties.correlationId)).size).to.equal(DOCUMENTS);
    } finally {
      await probe.close();
      for (const relay of relays) await relay.stop();
      await api.stop();
    }
  });
});
