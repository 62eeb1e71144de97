import { expect } from 'chai';
import type { ConsumeMessage } from 'amqplib';
import { createAgencyConnector, PermanentError, type AgencyConnector, type DecisionReply } from '../../connectors/sdk/agency-connector.js';
import type { AgencyWorkItem } from '../../connectors/sdk/agency-work-item.js';
import { documentXmlDecoder } from '../support/document-xml-decoder.js';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { amqpProbe } from '../routing/support/amqp-probe.js';
import { fixture } from '../routing/support/routing-kit.js';
import { singleWindowClient } from '../routing/support/single-window-client.js';

describe('ministry connector SDK', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let client: ReturnType<typeof singleWindowClient>;
  let probe: Awaited<ReturnType<typeof amqpProbe>>;
  let apiKey: string;
  let dead: ConsumeMessage[];
  const connectors: AgencyConnector[] = [];
  const declaration = fixture('routing/import-salmon-and-medicines.json');
  const connect = async (handler: (work: AgencyWorkItem) => Promise<DecisionReply>) => {
    const connector = await createAgencyConnector({
      amqpUrl: requireTestAmqpUrl(),
      agency: 'MOH-DAV',
      handler,
      decodeXml: documentXmlDecoder(),
      retry: { delaysMs: [200, 200] },
    });
    connectors.push(connector);
    return connector;
  };

  before(async () => {
    service = await startTestService();
    client = singleWindowClient(service.url);
    probe = await amqpProbe(requireTestAmqpUrl());
    await probe.purge('sw.agency.MOH-DAV', 'sw.agency.MOH-DAV.dlq');
    dead = await probe.collect('sw.agency.MOH-DAV.dlq');
    ({ apiKey } = await client.registerEnterprise('Trung Son Pharma JSC'));
  });

  afterEach(async () => {
    for (const connector of connectors.splice(0)) await connector.stop();
  });

  after(async () => {
    await probe?.close();
    await service?.stop();
  });

  it('retries a handler that fails for a while, counting attempts, then publishes its decision', async () => {
    const attempts: number[] = [];
    await connect(async (work) => {
      attempts.push(work.attempt);
      if (attempts.length < 3) throw new Error('the licensing database is not answering');
      return { decision: 'APPROVED', permitNumber: '12034/QLD-GPNK' };
    });
    const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
    const decided = await client.waitForDocument(
      apiKey,
      id,
      (d) => d.routing.agencies.some((a) => a.agency === 'MOH-DAV' && a.status === 'APPROVED'),
      'the approval',
    );
    expect(attempts).to.deep.equal([0, 1, 2]);
    expect(decided.routing.agencies.find((a) => a.agency === 'MOH-DAV')!.permitNumber).to.equal('12034/QLD-GPNK');
  });

  it('dead-letters the work once the retries are used up, with the last error as reason', async () => {
    await connect(async () => {
      throw new Error('the licensing database is not answering');
    });
    const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
    const letter = await probe.waitFor(() => dead.find((m) => m.properties.correlationId === id), 'the dead letter');
    expect(letter.properties.headers).to.include({ 'x-error-code': 'RETRIES_EXHAUSTED' });
    expect(String(letter.properties.headers!['x-reason'])).to.contain('not answering');
  });

  it('dead-letters at once what the handler declares permanently undecidable', async () => {
    let calls = 0;
    await connect(async () => {
      calls += 1;
      throw new PermanentError('HS 3004 goods need a paper dossier at the Drug Administration');
    });
    const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
    const letter = await probe.waitFor(() => dead.find((m) => m.properties.correlationId === id), 'the dead letter');
    expect(letter.properties.headers).to.include({ 'x-error-code': 'CONNECTOR.PERMANENT_ERROR' });
    expect(calls).to.equal(1);
  });

  it('dead-letters an undecodable message and goes on with the next one', async () => {
    const seen: string[] = [];
    await connect(async (work) => {
      seen.push(work.documentId);
      return { decision: 'APPROVED', permitNumber: '12035/QLD-GPNK' };
    });
    probe.channel.publish('sw.agency', 'MOH-DAV', Buffer.from('<not-json'), { messageId: 'garbage-1', contentType: 'application/json' });
    probe.channel.publish('sw.agency', 'MOH-DAV', Buffer.from('{}'), { messageId: 'garbage-2', contentType: 'text/csv' });
    const { id } = await client.submit(apiKey, 'customs-declaration', declaration);
    await client.waitForDocument(
      apiKey,
      id,
      (d) => d.routing.agencies.some((a) => a.agency === 'MOH-DAV' && a.status === 'APPROVED'),
      'the approval',
    );
    const letters = await probe.waitFor(() => {
      const found = ['garbage-1', 'garbage-2'].map((messageId) => dead.find((m) => m.properties.messageId === messageId));
      return found.every(Boolean) ? found : undefined;
    }, 'both dead letters');
    expect(letters.map((m) => m!.properties.headers!['x-error-code'])).to.deep.equal(['CONNECTOR.UNDECODABLE', 'CONNECTOR.UNDECODABLE']);
    expect(seen).to.deep.equal([id]);
  });
});
