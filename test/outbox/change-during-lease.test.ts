import { expect } from 'chai';
import request from 'supertest';
import { logger } from '../../src/platform/logging/logger.js';
import { MongoOutboxStore } from '../../src/outbox/mongo/mongo-outbox-store.js';
import { OutboxRelay } from '../../src/outbox/outbox-relay.js';
import { OutboxSignal } from '../../src/outbox/outbox-signal.js';
import type { OutboxStore } from '../../src/outbox/outbox-store.js';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { amqpProbe } from '../routing/support/amqp-probe.js';
import { garmentsDeclaration } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';

describe('a document changed while a relay publishes it', function () {
  this.timeout(60_000);

  it('publishes the message the change added once that relay has settled, each message once, and leaves no lease behind', async () => {
    // No relay role: this test plays the relays.
    const service = await startTestService({ roles: ['api', 'decisions'] });
    const probe = await amqpProbe(requireTestAmqpUrl());
    try {
      await probe.purge('sw.agency.CUSTOMS', 'sw.events.recent');
      const toCustoms = await probe.collect('sw.agency.CUSTOMS');
      const events = await probe.collect('sw.events.recent');
      const client = singleWindowClient(service.url);
      const { apiKey } = await client.registerEnterprise('Garco 10 Corporation');
      const { id } = await client.submit(apiKey, 'customs-declaration', garmentsDeclaration('G10-25/0417'));

      const store = await MongoOutboxStore.create(service.context.db.connection);
      let settleNow: () => void = () => undefined;
      const settling = new Promise<void>((resolve) => (settleNow = resolve));
      // Relay A publishes and then, before it settles, the document changes.
      const slow: OutboxStore = {
        claim: (...args) => store.claim(...args),
        claimDocuments: (...args) => store.claimDocuments(...args),
        release: (...args) => store.release(...args),
        settle: async (...args) => {
          await settling;
          await store.settle(...args);
        },
      };
      const options = { pollIntervalMs: 50, leaseMs: 30_000, batchSize: 100, retryBaseMs: 100, concurrency: 1 };
      const relayA = new OutboxRelay(slow, service.context.broker, new OutboxSignal(), options, logger);
      const relayB = new OutboxRelay(store, service.context.broker, new OutboxSignal(), options, logger);
      const first = relayA.relayBatch();
      await probe.waitFor(
        () => (toCustoms.some((m) => m.properties.correlationId === id) ? true : undefined),
        'the declaration at customs',
      );

      const customsKey = await client.agencyKey('CUSTOMS');
      const acknowledged = await request(service.url)
        .post('/api/v1/agencies/CUSTOMS/decisions')
        .set('Authorization', `Bearer ${customsKey}`)
        .send({ documentId: id, agency: 'CUSTOMS', decision: 'ACKNOWLEDGED', decidedAt: new Date().toISOString() });
      expect(acknowledged.status, JSON.stringify(acknowledged.body)).to.equal(201);
      expect(await relayB.relayBatch(), 'relay A still holds the document, its new message included').to.equal(0);

      settleNow();
      expect(await first, 'messages relay A claimed').to.equal(3);
      expect(await relayB.relayBatch(), 'the message the acknowledgement added').to.equal(1);
      await probe.waitFor(
        () => (events.some((m) => m.fields.routingKey === 'document.IN_REVIEW' && m.properties.correlationId === id) ? true : undefined),
        'document.IN_REVIEW',
      );
      expect(await relayB.relayBatch(), 'nothing is left to publish').to.equal(0);

      const published = [...toCustoms, ...events].filter((m) => m.properties.correlationId === id).map((m) => m.fields.routingKey);
      expect(published.sort()).to.deep.equal(['CUSTOMS', 'document.IN_REVIEW', 'document.ROUTED', 'document.SUBMITTED']);
      const db = service.context.db.connection.getClient().db(service.context.db.connection.name);
      expect(await db.collection('outbox_leases').countDocuments(), 'leases left behind').to.equal(0);
      const stored = await db.collection<{ _id: string; outbox: { state: string; body: string }[] }>('documents').findOne({ _id: id });
      expect(stored?.outbox.map((entry) => [entry.state, entry.body])).to.deep.equal(Array.from({ length: 4 }, () => ['SENT', '']));
    } finally {
      await probe.close();
      await service.stop();
    }
  });
});
