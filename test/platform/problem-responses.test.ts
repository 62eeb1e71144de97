import { expect } from 'chai';
import { Router } from 'express';
import request from 'supertest';
import { createApp } from '../../src/platform/http/create-app.js';
import { createMetrics } from '../../src/platform/http/metrics.js';
import { DomainError } from '../../src/kernel/errors/domain-error.js';
import { bodyParsers } from '../../src/platform/http/body-parsers.js';

function appWith(router: Router) {
  return createApp({ metrics: createMetrics(), routers: [router] });
}

const routes = Router();
routes.post(
  '/echo',
  ...bodyParsers({ bodyLimitBytes: 4096, jsonMaxDepth: 32, httpMinBodyBytesPerSecond: 1024, httpBodyGraceMs: 5000 }),
  (req, res) => {
    res.status(202).json({ received: req.body });
  },
);
routes.get('/boom', () => {
  throw new Error('connection string mongodb://secret@db was refused');
});
routes.get('/known-failure', () => {
  throw new DomainError('DOCUMENT.NOT_FOUND', 'Document was not found');
});

describe('problem+json responses', () => {
  const app = appWith(routes);

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await request(app).get('/api/v1/nowhere').expect(404);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ status: 404, code: 'ROUTE.NOT_FOUND', instance: '/api/v1/nowhere' });
    expect(res.body.type).to.match(/^https:\/\//);
    expect(res.body.requestId).to.equal(res.headers['x-request-id']);
  });

  it('answers a body over the limit with 413 and a stable code', async () => {
    const res = await request(app)
      .post('/echo')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ note: 'x'.repeat(10_000) }))
      .expect(413);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('REQUEST.BODY_TOO_LARGE');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await request(app).post('/echo').set('content-type', 'application/json').send('{"type": ').expect(400);
    expect(res.body.code).to.equal('REQUEST.MALFORMED_JSON');
  });

  it('answers an unexpected failure with 500 and keeps internals out of the response', async () => {
    const res = await request(app).get('/boom').expect(500);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('INTERNAL.UNEXPECTED');
    const text = JSON.stringify(res.body);
    expect(text).not.to.contain('secret');
    expect(text).not.to.contain('stack');
    expect(text).not.to.contain('.ts');
  });

  it('maps a domain error to its status and code', async () => {
    const res = await request(app).get('/known-failure').expect(404);
    expect(res.body).to.include({ code: 'DOCUMENT.NOT_FOUND', title: 'Document was not found' });
  });

  it('sets security headers on every response', async () => {
    const res = await request(app).get('/api/v1/nowhere');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers).not.to.have.property('x-powered-by');
  });
});
