import request from 'supertest';
import { startPartnerSimulator, type PartnerSimulator } from '../../../scripts/partner-simulator/partner-simulator.js';
import type { RunningService } from '../../../src/service.js';
import { startTestService } from '../../support/test-service.js';

export const ADMIN = { Authorization: 'Bearer test-admin-token-0123456789abcdef' };
export const FAST_RETRIES = { maxAttempts: 4, initialDelayMs: 300, maxDelayMs: 1000, multiplier: 2 };

/** The real service (every role) with Thailand's simulated single window registered in its directory. */
export async function startServiceWithThailand(): Promise<{ service: RunningService & { url: string }; thailand: PartnerSimulator }> {
  const service = await startTestService({ partnerHttpTimeoutMs: 2000 });
  const certificate = await request(service.url).get('/api/v1/partners/signing-certificate').expect(200);
  const thailand = await startPartnerSimulator({
    country: 'TH',
    profile: 'asw',
    singleWindow: { country: 'VN', url: service.url, certificatePem: certificate.text },
  });
  const current = await request(service.url).get('/api/v1/admin/partners/TH').set(ADMIN).expect(200);
  await request(service.url)
    .put('/api/v1/admin/partners/TH')
    .set(ADMIN)
    .send({ ...current.body, gatewayUrl: thailand.url, certificate: thailand.identity.certificatePem, retryPolicy: FAST_RETRIES })
    .expect(200);
  return { service, thailand };
}

/** Polls until `read` returns something `done` accepts; tests wait on outcomes, never on time. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}; last seen: ${JSON.stringify(value)?.slice(0, 800)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function registerEnterprise(url: string, taxId: string, name: string): Promise<string> {
  const response = await request(url).post('/api/v1/admin/enterprises').set(ADMIN).send({ taxId, name }).expect(201);
  return response.body.apiKey as string;
}

/** Approves a document as each agency would, over the agencies' HTTP API, waiting for each to hold the document. */
export async function approveByAgencies(url: string, apiKey: string, documentId: string, agencies: string[]): Promise<void> {
  for (const agency of agencies) {
    const key = (await request(url).post(`/api/v1/admin/agencies/${agency}/api-keys`).set(ADMIN).expect(201)).body.apiKey as string;
    await eventually(
      async () =>
        (await request(url).get(`/api/v1/documents/${documentId}/routing`).set('Authorization', `Bearer ${apiKey}`)).body as {
          routing?: { agencies: { agency: string; status: string }[] };
        },
      (body) => body.routing?.agencies.some((a) => a.agency === agency && a.status === 'PENDING') ?? false,
      `${agency} to receive the document`,
    );
    await request(url)
      .post(`/api/v1/agencies/${agency}/decisions`)
      .set('Authorization', `Bearer ${key}`)
      .send({ documentId, agency, decision: 'APPROVED', permitNumber: `${agency}-2025-004417`, decidedAt: new Date().toISOString() })
      .expect(201);
  }
}

export async function exchanges(url: string, documentId: string): Promise<{ status: string; items: Record<string, unknown>[] }> {
  return (await request(url).get(`/api/v1/admin/documents/${documentId}/partner-exchanges`).set(ADMIN).expect(200)).body as {
    status: string;
    items: Record<string, unknown>[];
  };
}
