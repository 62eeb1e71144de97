import { expect } from 'chai';
import { Router } from 'express';
import request from 'supertest';
import { createApp } from '../../src/platform/http/create-app.js';
import { createMetrics } from '../../src/platform/http/metrics.js';
import { logger } from '../../src/platform/logging/logger.js';
import { enrichContext } from '../../src/platform/logging/request-context.js';
import { captureLogs } from '../support/log-capture.js';

const routes = Router();
routes.get('/work', async (_req, res) => {
  enrichContext({ enterpriseId: 'ent-42' });
  await new Promise((resolve) => setTimeout(resolve, 5));
  logger.info('did the work');
  res.json({ done: true });
});

describe('request ids', () => {
  const app = createApp({ metrics: createMetrics(), routers: [routes] });

  it("echoes the caller's X-Request-Id and writes it, with the enterprise, into every log line of the request", async () => {
    const logs = captureLogs();
    try {
      const res = await request(app).get('/work').set('X-Request-Id', 'trace-abc-123').expect(200);
      expect(res.headers['x-request-id']).to.equal('trace-abc-123');
      const workLine = logs.lines.find((line) => line.message === 'did the work');
      expect(workLine).to.include({ requestId: 'trace-abc-123', enterpriseId: 'ent-42' });
      const accessLine = logs.lines.find((line) => line.message === 'request handled');
      expect(accessLine).to.include({ requestId: 'trace-abc-123', enterpriseId: 'ent-42', status: 200 });
    } finally {
      logs.stop();
    }
  });

  it('makes an id when the caller sends none or an unusable one', async () => {
    const first = await request(app).get('/work').expect(200);
    const second = await request(app).get('/work').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(first.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).not.to.equal(first.headers['x-request-id']);
  });
});
