import { expect } from 'chai';
import { MongoOutboxStore } from '../../src/outbox/mongo/mongo-outbox-store.js';
import type { ClaimedMessage } from '../../src/outbox/outbox-store.js';
import type { RunningService } from '../../src/service.js';
import { startTestService } from '../support/test-service.js';
import { garmentsDeclaration } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';

const DOCUMENTS = 12;
const BATCH = 3;

const documentsOf = (claim: ClaimedMessage[]) => [...new Set(claim.map((message) => message.documentId))].sort();

/**
 * A search finds several batches' documents, and the claims after it take the rest of
 * what it found. Two relay processes (two stores) share the backlog meanwhile.
 */
describe('claims from a backlog of pending documents', function () {
  this.timeout(60_000);
  let service: RunningService;

  beforeEach(async function () {
    // No relay role: the stores below are the relays.
    service = await startTestService({ roles: ['api', 'decisions'] });
    const client = singleWindowClient(service.url);
    const { apiKey } = await client.registerEnterprise('Phong Phu Corporation');
    for (let i = 0; i < DOCUMENTS; i += 1) await client.submit(apiKey, 'customs-declaration', garmentsDeclaration(`PPJ-25/${i}`));
  });

  afterEach(async function () {
    await service.stop();
  });

  it('gives every document to one claim only, when another relay takes some a search found', async function () {
    const relayA = await MongoOutboxStore.create(service.context.db.connection);
    const relayB = await MongoOutboxStore.create(service.context.db.connection);
    const now = new Date();
    const until = new Date(now.getTime() + 30_000);

    const claims = [await relayA.claim('a-1', now, until, BATCH), await relayB.claim('b-1', now, until, BATCH)];
    for (let i = 2; claims.at(-1)!.length > 0; i += 1)
      claims.push(await relayA.claim(`a-${i}`, now, until, BATCH), await relayB.claim(`b-${i}`, now, until, BATCH));

    const claimed = claims.flatMap(documentsOf);
    expect(claimed).to.have.length(DOCUMENTS);
    expect(new Set(claimed).size).to.equal(DOCUMENTS);
    // Each document's three messages (customs, SUBMITTED, ROUTED) came with its claim.
    expect(claims.flat()).to.have.length(DOCUMENTS * 3);
  });

  it('does not give out again what another relay published after the search found it', async function () {
    const relayA = await MongoOutboxStore.create(service.context.db.connection);
    const relayB = await MongoOutboxStore.create(service.context.db.connection);
    const now = new Date();
    const until = new Date(now.getTime() + 30_000);

    const first = await relayA.claim('a-1', now, until, BATCH);
    expect(documentsOf(first)).to.have.length(BATCH);
    // Relay B drains the rest of the backlog, the documents relay A's search found included.
    const published: ClaimedMessage[] = [];
    for (let i = 1; ; i += 1) {
      const claim = await relayB.claim(`b-${i}`, now, until, BATCH);
      if (claim.length === 0) break;
      await relayB.settle(claim, [], new Date());
      await relayB.release(`b-${i}`, documentsOf(claim));
      published.push(...claim);
    }
    expect(documentsOf(published)).to.have.length(DOCUMENTS - BATCH);

    expect(await relayA.claim('a-2', now, until, BATCH), 'relay A finds nothing left to publish').to.deep.equal([]);
    const leases = service.context.db.connection.getClient().db(service.context.db.connection.name).collection('outbox_leases');
    expect(await leases.countDocuments(), 'only relay A’s first claim holds a lease').to.equal(1);
  });
});
