import { expect } from 'chai';
import request from 'supertest';
import { fixture, garmentsDeclaration } from '../../routing/support/routing-kit.js';
import { singleWindowClient } from '../../routing/support/single-window-client.js';

/** The tax code the licences are issued to and the declarations import for. */
export const HOLDER_TAX_ID = '0312456789';

let permits = 0;

/** A MOIT permit number no other test of this run uses. */
export function nextPermitNumber(): string {
  permits += 1;
  return `${(process.pid % 90) + 10}${String(permits).padStart(4, '0')}/GPNK-BCT`;
}

/** A MOIT import licence application for knitted T-shirts (HS 6109), for `kilograms` in total. */
export function tShirtLicenceApplication(kilograms: number, validity = { from: '2025-03-01', to: '2025-12-31' }): Record<string, unknown> {
  const application = fixture('documents/valid/licence-application.json');
  return {
    ...application,
    applicationDate: '2025-02-10' < validity.from ? '2025-02-10' : validity.from,
    applicant: { ...(application.applicant as object), name: 'Mekong Pharma and Seafood Trading JSC', taxId: HOLDER_TAX_ID },
    goods: [
      {
        hsCode: '610910',
        description: 'T-shirts, singlets and other vests of cotton, knitted',
        quantity: { value: kilograms, unit: 'KGM' },
      },
      { hsCode: '62034200', description: 'Men’s cotton denim trousers', quantity: { value: 500, unit: 'H87' } },
    ],
    validityRequested: validity,
  };
}

/** The garments declaration (customs its only agency), its T-shirt item (12 000 kg) citing the licence. */
export function declarationCiting(
  permitNumber: string,
  change: (declaration: Record<string, unknown>) => void = () => undefined,
): Record<string, unknown> {
  const declaration = garmentsDeclaration(`REG-${permitNumber.replace(/\W/g, '')}-${Math.random().toString(36).slice(2, 8)}`);
  const items = declaration.goodsItems as Record<string, unknown>[];
  items[0]!.additionalDocuments = [
    { category: 'LICENCE', referenceNumber: permitNumber, issuingAgency: 'MOIT', description: 'Import licence' },
  ];
  change(declaration);
  return declaration;
}

/** The window's actors in a register test: an enterprise, MOIT that issues, customs that approves. */
export async function registerActors(url: string) {
  const client = singleWindowClient(url);
  const enterprise = await client.registerEnterprise('Mekong Pharma and Seafood Trading JSC');
  const moit = await client.agencyKey('MOIT');
  const customs = await client.agencyKey('CUSTOMS');
  const decide = (agency: string, key: string, body: Record<string, unknown>) =>
    request(url)
      .post(`/api/v1/agencies/${agency}/decisions`)
      .set('Authorization', `Bearer ${key}`)
      .send({ agency, decidedAt: new Date().toISOString(), ...body });

  return {
    client,
    enterprise,
    moit,
    customs,
    decide,
    /** Lodges the application, has MOIT approve it with a new permit number, and answers the register entry. */
    async issueLicence(application: Record<string, unknown>, permitNumber = nextPermitNumber()) {
      const { id } = await client.submit(enterprise.apiKey, 'licence-application', application);
      const approved = await decide('MOIT', moit, { documentId: id, decision: 'APPROVED', permitNumber });
      expect(approved.status, JSON.stringify(approved.body)).to.equal(201);
      const entry = await this.entryByNumber(permitNumber);
      return { permitNumber, entry, applicationId: id };
    },
    async entryByNumber(permitNumber: string) {
      const listed = await request(url).get('/api/v1/agencies/MOIT/register/entries?limit=100').set('Authorization', `Bearer ${moit}`);
      expect(listed.status, JSON.stringify(listed.body)).to.equal(200);
      let page = listed.body as { items: RegisterEntryBody[]; nextCursor?: string };
      let found = page.items.find((e) => e.number === permitNumber);
      while (!found && page.nextCursor) {
        const next = await request(url)
          .get(`/api/v1/agencies/MOIT/register/entries?limit=100&cursor=${page.nextCursor}`)
          .set('Authorization', `Bearer ${moit}`);
        page = next.body as typeof page;
        found = page.items.find((e) => e.number === permitNumber);
      }
      expect(found, `register entry ${permitNumber}`).to.not.equal(undefined);
      return found!;
    },
    async entry(id: string) {
      const response = await request(url).get(`/api/v1/register/entries/${id}`).set('Authorization', `Bearer ${enterprise.apiKey}`);
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return response.body as RegisterEntryBody;
    },
    lodge(data: Record<string, unknown>, path = '/api/v1/documents') {
      return request(url).post(path).set('Authorization', `Bearer ${enterprise.apiKey}`).send({ type: 'customs-declaration', data });
    },
    /** With a key, a retry sends the very same request (same decidedAt), as a connector's redelivery does. */
    approveAsCustoms(documentId: string, messageId?: string) {
      const call = request(url).post('/api/v1/agencies/CUSTOMS/decisions').set('Authorization', `Bearer ${customs}`);
      const decidedAt = messageId ? DECIDED_AT : new Date().toISOString();
      return (messageId ? call.set('Idempotency-Key', messageId) : call).send({
        documentId,
        agency: 'CUSTOMS',
        decision: 'APPROVED',
        permitNumber: '105987654321',
        decidedAt,
      });
    },
  };
}

const DECIDED_AT = '2025-06-11T09:30:00.000Z';

export interface RegisterEntryBody {
  id: string;
  number: string;
  issuingAgency: string;
  status: string;
  goods: { line: number; hsCode?: string; unit?: string; granted?: number; remaining?: number }[];
  movements: { kind: string; declarationId: string; lines: { line: number; quantity: number }[]; reverses?: string }[];
  changes: { action: string; reason?: string }[];
}
