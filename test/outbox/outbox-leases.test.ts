import { expect } from 'chai';
import { OutboxLeases } from '../../src/outbox/mongo/outbox-leases.js';
import type { RunningService } from '../../src/service.js';
import { startTestService } from '../support/test-service.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 2, 8, 0, seconds));

describe('outbox leases: one record per claim', function () {
  this.timeout(30_000);
  let service: RunningService;
  let leases: OutboxLeases;
  let otherProcess: OutboxLeases;

  before(async function () {
    service = await startTestService({ roles: ['api'] });
    leases = await OutboxLeases.create(service.context.db.connection);
    // A second relay process, sharing nothing with the first but the store.
    otherProcess = await OutboxLeases.create(service.context.db.connection);
  });

  after(async function () {
    await service.stop();
  });

  const records = () => service.context.db.connection.getClient().db(service.context.db.connection.name).collection('outbox_leases');

  it('gives a document to one claim at a time: a second claim gets only the documents no live lease holds', async function () {
    expect(await leases.acquire('claim-a', ['d1', 'd2', 'd3'], at(0), at(30))).to.deep.equal(['d1', 'd2', 'd3']);
    expect(await otherProcess.acquire('claim-b', ['d2', 'd3', 'd4'], at(1), at(31))).to.deep.equal(['d4']);
    expect(await otherProcess.acquire('claim-c', ['d1', 'd4'], at(2), at(32))).to.deep.equal([]);
    // Each process reads the documents the other's claims hold; its own it knows.
    expect([...(await leases.heldElsewhere(at(2)))]).to.deep.equal(['d4']);
    expect([...(await otherProcess.heldElsewhere(at(2)))].sort()).to.deep.equal(['d1', 'd2', 'd3']);
    expect(await records().countDocuments()).to.equal(2);
  });

  it('takes over the documents of an expired lease, and the late owner’s release leaves the new lease alone', async function () {
    expect(await otherProcess.acquire('claim-d', ['d1', 'd5'], at(40), at(70))).to.deep.equal(['d1', 'd5']);
    expect([...(await leases.heldElsewhere(at(40)))].sort()).to.deep.equal(['d1', 'd5']);
    await leases.release('claim-a', ['d1', 'd2', 'd3']);
    expect([...(await leases.heldElsewhere(at(41)))].sort()).to.deep.equal(['d1', 'd5']);
  });

  it('frees part of a claim’s documents, then the rest with the record itself', async function () {
    await otherProcess.release('claim-d', ['d5']);
    expect([...(await leases.heldElsewhere(at(42)))]).to.deep.equal(['d1']);
    expect(await leases.acquire('claim-e', ['d5'], at(42), at(72))).to.deep.equal(['d5']);
    await otherProcess.release('claim-d', ['d1']);
    await leases.release('claim-e', ['d5']);
    await otherProcess.release('claim-b', ['d4']);
    expect(await leases.heldElsewhere(at(43))).to.have.property('size', 0);
    expect(await records().countDocuments()).to.equal(0);
  });
});
