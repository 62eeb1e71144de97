import { expect } from 'chai';
import request from 'supertest';
import type { DocumentType } from '../../../src/kernel/document-record.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

let taxIds = 0;

/** Speaks to a running service as its clients do: an operator, an enterprise, an agency over HTTP. */
export function singleWindowClient(url: string) {
  return {
    async registerEnterprise(name = 'Mekong Pharma and Seafood Trading JSC'): Promise<{ id: string; apiKey: string }> {
      taxIds += 1;
      const taxId = `03${String(process.pid % 10_000).padStart(4, '0')}${String(taxIds).padStart(4, '0')}`;
      const response = await request(url)
        .post('/api/v1/admin/enterprises')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ taxId, name });
      expect(response.status, JSON.stringify(response.body)).to.equal(201);
      return response.body as { id: string; apiKey: string };
    },

    async submit(apiKey: string, type: DocumentType, data: Record<string, unknown>): Promise<{ id: string; status: string }> {
      const response = await request(url).post('/api/v1/documents').set('Authorization', `Bearer ${apiKey}`).send({ type, data });
      expect(response.status, JSON.stringify(response.body)).to.equal(202);
      return response.body as { id: string; status: string };
    },

    async document(apiKey: string, id: string) {
      const response = await request(url).get(`/api/v1/documents/${id}`).set('Authorization', `Bearer ${apiKey}`);
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return response.body as {
        id: string;
        status: string;
        history: { from: string | null; to: string; actor: string; reason?: string }[];
        routing: RoutingViewBody | null;
        data: Record<string, unknown>;
      };
    },

    async routing(apiKey: string, id: string) {
      const response = await request(url).get(`/api/v1/documents/${id}/routing`).set('Authorization', `Bearer ${apiKey}`);
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return response.body as { status: string; routing: RoutingViewBody };
    },

    async agencyKey(code: string): Promise<string> {
      const response = await request(url).post(`/api/v1/admin/agencies/${code}/api-keys`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(response.status, JSON.stringify(response.body)).to.equal(201);
      return (response.body as { apiKey: string }).apiKey;
    },

    /** Polls the document until `done` holds (the service works asynchronously); fails after the deadline. */
    async waitForDocument(
      apiKey: string,
      id: string,
      done: (routing: { status: string; routing: RoutingViewBody }) => boolean,
      what: string,
      deadlineMs = 15_000,
    ) {
      const until = Date.now() + deadlineMs;
      let last: { status: string; routing: RoutingViewBody } | undefined;
      while (Date.now() < until) {
        last = await this.routing(apiKey, id);
        if (done(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`document ${id} never reached: ${what}; last seen ${JSON.stringify(last)}`);
    },
  };
}

export interface RoutingViewBody {
  ruleSetVersion: string;
  agencies: {
    agency: string;
    name?: string;
    status: string;
    dueAt?: string;
    overdue: boolean;
    permitNumber?: string;
    rules: string[];
    decisions: { decision: string; question?: string }[];
  }[];
  permits: { agency: string; permitNumber: string }[];
  overdue: boolean;
}
