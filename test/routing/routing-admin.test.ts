import { expect } from 'chai';
import request from 'supertest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { requireTestAmqpUrl, startTestService } from '../support/test-service.js';
import { ADMIN_TOKEN } from './support/single-window-client.js';

const run = promisify(execFile);

describe('operators reading the agency registry and the routing rules', function () {
  this.timeout(30_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  const get = (path: string, token = ADMIN_TOKEN) => request(service.url).get(path).set('Authorization', `Bearer ${token}`);

  before(async () => {
    service = await startTestService();
  });

  after(async () => {
    await service?.stop();
  });

  it('lists the registered agencies with their queues, service levels and payload formats', async () => {
    const response = await get('/api/v1/admin/agencies');
    expect(response.status).to.equal(200);
    const customs = response.body.agencies.find((a: { code: string }) => a.code === 'CUSTOMS');
    expect(customs).to.include({ queue: 'sw.agency.CUSTOMS', payloadFormat: 'xml', decidesLast: true, serviceLevelHours: 8 });
    expect(response.body.agencies).to.have.length(14);
  });

  it('lists the rule set versions with the one in force, and shows any version in full', async () => {
    const list = await get('/api/v1/admin/routing/rule-sets');
    expect(list.status).to.equal(200);
    expect(list.body.current).to.equal('2026-11');
    expect(list.body.items.map((v: { version: string; current: boolean }) => [v.version, v.current])).to.deep.equal([
      ['2024-07', false],
      ['2025-01', false],
      ['2026-11', true],
    ]);
    const old = await get('/api/v1/admin/routing/rule-sets/2024-07');
    expect(old.status).to.equal(200);
    expect(old.body.rules.map((r: { id: string }) => r.id))
      .to.include('medicines')
      .and.not.include('rice-export');
    const current = await get('/api/v1/admin/routing/rule-sets/current');
    expect(current.body).to.include({ version: '2026-11', current: true });
    expect(current.body.rules.find((r: { id: string }) => r.id === 'partner-certificate-of-origin-verification').when).to.deep.equal({
      documentTypes: ['certificate-of-origin'],
      channels: ['partner'],
    });
  });

  it('answers unknown versions with 404 and strangers with 401, as problem+json', async () => {
    const missing = await get('/api/v1/admin/routing/rule-sets/1999-01');
    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('ROUTING.RULE_SET_NOT_FOUND');
    const stranger = await get('/api/v1/admin/routing/rule-sets', 'not-the-operator-token-at-all');
    expect(stranger.status).to.equal(401);
    expect(stranger.type).to.equal('application/problem+json');
  });

  it('declares every agency queue and the decisions queue as durable quorum queues, each with its dead-letter queue', async () => {
    const vhost = decodeURIComponent(new URL(requireTestAmqpUrl()).pathname.slice(1));
    const { stdout } = await run('rabbitmqctl', ['-q', 'list_queues', '-p', vhost, 'name', 'type', 'durable']);
    const queues = new Map(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t'))
        .map(([name, type, durable]) => [name!, `${type}/${durable}`]),
    );
    for (const queue of [
      'sw.agency.CUSTOMS',
      'sw.agency.CUSTOMS.dlq',
      'sw.agency.MOH-DAV',
      'sw.agency.MOH-DAV.dlq',
      'sw.agency.MIC',
      'sw.decisions.in',
      'sw.decisions.dlq',
      'sw.retry.1s',
    ]) {
      expect(queues.get(queue), queue).to.equal('quorum/true');
    }
  });

  it('documents its endpoints in the OpenAPI document', async () => {
    const response = await request(service.url).get('/openapi.json');
    expect(response.status).to.equal(200);
    expect(Object.keys(response.body.paths)).to.include.members([
      '/api/v1/agencies/{code}/decisions',
      '/api/v1/documents/{id}/amendments',
      '/api/v1/admin/routing/rule-sets',
    ]);
  });
});
