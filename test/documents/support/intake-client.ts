import request from 'supertest';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

let taxIds = 0;

/** A fresh enterprise with a real-looking, unique Vietnamese tax code, and its first API key. */
export async function registerEnterprise(
  url: string,
  name = 'Saigon Export Trading JSC',
): Promise<{ id: string; taxId: string; apiKey: string; apiKeyId: string }> {
  taxIds += 1;
  const taxId = `0${String(300_000_000 + (process.pid % 100_000) * 1000 + taxIds).slice(-9)}`;
  const response = await request(url).post('/api/v1/admin/enterprises').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ taxId, name });
  if (response.status !== 201) throw new Error(`registering ${taxId} answered ${response.status}: ${response.text}`);
  return response.body as { id: string; taxId: string; apiKey: string; apiKeyId: string };
}

/** POSTs a document as JSON `{type, data}`. */
export function submitJson(url: string, apiKey: string, type: string, data: unknown, path = '/api/v1/documents') {
  return request(url).post(path).set('Authorization', `Bearer ${apiKey}`).send({ type, data });
}

export function submitXml(url: string, apiKey: string, xml: string, path = '/api/v1/documents') {
  return request(url).post(path).set('Authorization', `Bearer ${apiKey}`).set('Content-Type', 'application/xml').send(xml);
}
