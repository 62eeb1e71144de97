import { expect } from 'chai';
import { logger } from '../../src/platform/logging/logger.js';
import { MongoOutboxStore } from '../../src/outbox/mongo/mongo-outbox-store.js';
import { OutboxRelay } from '../../src/outbox/outbox-relay.js';
import { OutboxSignal } from '../../src/outbox/outbox-signal.js';
import type { OutboxStore } from '../../src/outbox/outbox-store.js';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { amqpProbe } from '../routing/support/amqp-probe.js';
import { garmentsDeclaration } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';

const LEASE_MS = 1000;

describe('outbox relay restarted between publish and mark', function () {
  this.timeout(60_000);

  it('publishes the messages again after the lease runs out: a duplicate, never a loss', async () => {
    // No relay role: this test plays the relay that dies and the one that replaces it.
    const service = await startTestService({ roles: ['api', 'decisions'], relayLeaseMs: LEASE_MS });
    const probe = await amqpProbe(requireTestAmqpUrl());
    try {
      await probe.purge('sw.agency.CUSTOMS');
      const toCustoms = await probe.collect('sw.agency.CUSTOMS');
      const client = singleWindowClient(service.url);
      const { apiKey } = await client.registerEnterprise('Viet Tien Garment Import Co.');
      const submitted = [];
      for (let i = 0; i < 3; i += 1)
        submitted.push((await client.submit(apiKey, 'customs-declaration', garmentsDeclaration(`VTG-25/${i}`))).id);

      const store = await MongoOutboxStore.create(service.context.db.connection);
      const options = { pollIntervalMs: 50, leaseMs: LEASE_MS, batchSize: 100, retryBaseMs: 100, concurrency: 1 };
      const dying: OutboxStore = {
        claim: (...args) => store.claim(...args),
        claimDocuments: (...args) => store.claimDocuments(...args),
        release: (...args) => store.release(...args),
        settle: async () => {
          throw new Error('the relay process was killed after the confirms, before marking');
        },
      };
      let error: Error | undefined;
      await new OutboxRelay(dying, service.context.broker, new OutboxSignal(), options, logger)
        .relayBatch()
        .catch((e: Error) => (error = e));
      expect(error?.message).to.contain('killed');
      await probe.waitFor(() => (toCustoms.length === 3 ? true : undefined), 'the first publication');

      const restarted = new OutboxRelay(store, service.context.broker, new OutboxSignal(), options, logger);
      expect(await restarted.relayBatch(), 'the dead relay still holds the lease').to.equal(0);
      const deadline = Date.now() + 10_000;
      let claimed = 0;
      while (claimed === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        claimed = await restarted.relayBatch();
      }
      expect(claimed, 'messages claimed after the lease expired').to.be.greaterThan(0);
      await probe.waitFor(() => (toCustoms.length === 6 ? true : undefined), 'the second publication');
      expect(await restarted.relayBatch(), 'everything is marked sent now').to.equal(0);

      const perDocument = submitted.map((id) => toCustoms.filter((m) => m.properties.correlationId === id).length);
      expect(perDocument).to.deep.equal([2, 2, 2]);
      const ids = toCustoms.map((m) => m.properties.messageId as string);
      expect(new Set(ids).size, 'the duplicate carries the same messageId').to.equal(3);
    } finally {
      await probe.close();
      await service.stop();
    }
  });
});
