import { expect } from 'chai';
import amqp from 'amqplib';
import request from 'supertest';
import type { RunningService } from '../../src/service.js';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { canonicalFixture } from './support/fixtures.js';
import { ADMIN, approveByAgencies, eventually, exchanges, registerEnterprise } from './support/service-kit.js';

/** Every ASEAN member but this single window's own country (VN), and every Eurasian Economic Union member. */
const ASEAN = ['BN', 'ID', 'KH', 'LA', 'MM', 'MY', 'PH', 'SG', 'TH'];
const EAEU = ['AM', 'BY', 'KG', 'KZ', 'RU'];

describe('partner directory: every ASEAN and Eurasian Economic Union member', function () {
  this.timeout(60_000);
  let service: RunningService;
  let apiKey: string;
  let connection: amqp.ChannelModel;
  let channel: amqp.Channel;

  before(async () => {
    // No partner-gateway role: nothing consumes the partners' queues, so a test can read what lands there.
    service = await startTestService({ roles: ['api', 'relay', 'decisions'] });
    apiKey = await registerEnterprise(service.url, '1400112623', 'Vinh Hoan Corporation');
    connection = await amqp.connect(requireTestAmqpUrl());
    channel = await connection.createChannel();
  });
  after(async () => {
    await connection?.close();
    await service?.stop();
  });

  it('lists each member with its profile, and each has its queue sw.partner.<CC>.out on the broker', async () => {
    const { body } = await request(service.url).get('/api/v1/admin/partners').set(ADMIN).expect(200);
    const partners = body.items as { country: string; profile: string; enabled: boolean }[];
    const profileOf = (country: string) => partners.find((partner) => partner.country === country)?.profile;
    expect(ASEAN.map((country) => [country, profileOf(country)])).to.deep.equal(ASEAN.map((country) => [country, 'asw']));
    expect(EAEU.map((country) => [country, profileOf(country)])).to.deep.equal(EAEU.map((country) => [country, 'eaeu']));
    for (const country of [...ASEAN, ...EAEU]) {
      expect(await channel.checkQueue(`sw.partner.${country}.out`), country).to.include({ queue: `sw.partner.${country}.out` });
    }
  });

  /** Submits, approves as every agency routed to (customs last, as it decides last), and returns the document id. */
  async function submitAndApprove(type: string, data: Record<string, unknown>): Promise<string> {
    const submitted = await request(service.url)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${apiKey}`)
      .send({ type, data })
      .expect(202);
    const id = submitted.body.id as string;
    const routing = await eventually(
      async () =>
        (await request(service.url).get(`/api/v1/documents/${id}/routing`).set('Authorization', `Bearer ${apiKey}`)).body as {
          routing?: { agencies: { agency: string }[] };
        },
      (found) => (found.routing?.agencies.length ?? 0) > 0,
      `the routing of ${id}`,
    );
    const agencies = routing.routing!.agencies.map((a) => a.agency).sort((a, b) => Number(a === 'CUSTOMS') - Number(b === 'CUSTOMS'));
    await approveByAgencies(service.url, apiKey, id, agencies);
    return id;
  }

  /** Takes this document's job off the partner's queue, waiting for the relay to publish it. */
  async function jobOn(queue: string, documentId: string): Promise<Record<string, unknown>> {
    const seen: Record<string, unknown>[] = [];
    const found = await eventually(
      async () => {
        const message = await channel.get(queue, { noAck: true });
        if (message) seen.push(JSON.parse(message.content.toString()) as Record<string, unknown>);
        return seen.find((job) => job.documentId === documentId);
      },
      (job) => job !== undefined,
      `the job of ${documentId} on ${queue}`,
    );
    return found!;
  }

  const cases = [
    {
      country: 'BN',
      type: 'certificate-of-origin',
      data: () => ({ ...canonicalFixture('certificate-of-origin-th'), importingCountry: 'BN' }),
    },
    {
      country: 'BY',
      type: 'customs-declaration',
      data: () => {
        const declaration = canonicalFixture('customs-declaration-export-ru');
        (declaration.importer as { address: { country: string } }).address.country = 'BY';
        return declaration;
      },
    },
  ];
  for (const { country, type, data } of cases) {
    it(`an approved ${type} bound for ${country} gets an exchange, and its job lands on sw.partner.${country}.out`, async () => {
      const id = await submitAndApprove(type, data());
      const { items } = await eventually(
        () => exchanges(service.url, id),
        (body) => body.items.length > 0,
        `the exchange of ${id}`,
      );
      expect(items[0]).to.include({ country, transportStatus: 'READY_TO_SEND' });
      expect(await jobOn(`sw.partner.${country}.out`, id)).to.include({
        documentId: id,
        country,
        conversationId: items[0]!.conversationId,
      });
    });
  }
});
