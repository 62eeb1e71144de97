import { expect } from 'chai';
import { CodeListCatalog } from '../../src/catalog/code-list-catalog.js';
import { SchemaCatalog } from '../../src/catalog/schema-catalog.js';
import type { TradeDocument } from '../../src/kernel/document-record.js';
import { DocumentService } from '../../src/documents/document-service.js';
import { FakeDocumentStore } from '../../src/documents/fake-document-store.js';
import type { SubmissionPlanner } from '../../src/kernel/submission-plan.js';
import { DocumentValidator } from '../../src/documents/validation/document-validator.js';
import { DomainError } from '../../src/kernel/errors/domain-error.js';
import { DocumentXmlCodec } from '../../src/xml/document-xml-codec.js';
import { validJson } from './support/intake-fixtures.js';

const schemas = SchemaCatalog.load();
const validator = new DocumentValidator(schemas, CodeListCatalog.load());
const codec = new DocumentXmlCodec(schemas, { maxDepth: 32, maxElements: 10_000 });

/** A planner as the routing feature's: agency work, the status event, the document ROUTED. */
const plannedRouting = {
  ruleSetVersion: '2026-11',
  registryVersion: '2025-01',
  plannedAt: new Date('2026-03-02T08:15:00Z'),
  agencies: [{ agency: 'MOIT', rules: ['licence'], status: 'PENDING' as const, dispatches: 1, decisions: [] }],
};
const routingLike: SubmissionPlanner = {
  plan: (document) => ({
    routing: plannedRouting,
    status: 'ROUTED',
    history: [{ at: document.submittedAt, actor: 'system', from: 'SUBMITTED', to: 'ROUTED', reason: 'routed to MOIT' }],
    outbox: [
      {
        messageId: `${document.id}:MOIT`,
        exchange: '',
        routingKey: 'sw.agency.MOIT',
        type: document.type,
        contentType: 'application/json',
        body: '{}',
        createdAt: document.submittedAt,
        state: 'PENDING',
        attempts: 0,
      },
    ],
  }),
};

describe('DocumentService (with fake stores)', () => {
  const at = new Date('2026-03-02T08:15:00Z');

  function service(planner: SubmissionPlanner = routingLike, onStored?: (document: TradeDocument) => void) {
    const store = new FakeDocumentStore();
    const documents = new DocumentService({
      store,
      references: store,
      validator,
      codec,
      planner,
      referencePrefix: 'VNSW',
      now: () => at,
      ...(onStored ? { onStored } : {}),
    });
    return { store, documents };
  }

  it('stores the document with the plan merged in, in one insert, and says so after', async () => {
    const stored: string[] = [];
    const { store, documents } = service(routingLike, (document) => stored.push(document.id));
    const document = await documents.submit({
      enterpriseId: 'e-1',
      type: 'licence-application',
      data: validJson('licence-application'),
      sourceFormat: 'json',
    });
    expect(document).to.include({ reference: 'VNSW-2026-00000001', status: 'ROUTED', schemaVersion: 'v1', version: 1 });
    expect(document.history.map((entry) => `${entry.from}->${entry.to} by ${entry.actor}`)).to.deep.equal([
      'null->SUBMITTED by enterprise:e-1',
      'SUBMITTED->ROUTED by system',
    ]);
    expect(document.outbox).to.have.length(1);
    expect(document.routing).to.deep.equal(plannedRouting);
    expect(store.documents.get(document.id)).to.deep.equal(document);
    expect(stored).to.deep.equal([document.id]);
  });

  it('records partner submissions as made by the partner', async () => {
    const { documents } = service({ plan: () => ({ outbox: [] }) });
    const document = await documents.submit({
      enterpriseId: 'e-2',
      type: 'certificate-of-origin',
      data: validJson('certificate-of-origin'),
      sourceFormat: 'xml',
      origin: { channel: 'partner', partnerCountry: 'TH', partnerMessageId: 'TH-ASW-2026-000731' },
    });
    expect(document.status).to.equal('SUBMITTED');
    expect(document.history[0]).to.include({ actor: 'partner:TH', to: 'SUBMITTED' });
  });

  it('refuses an invalid document with 422 and stores nothing', async () => {
    const { store, documents } = service();
    const data = validJson('licence-application') as { issuingAgency: string };
    data.issuingAgency = 'MOFA';
    const error = await documents.submit({ enterpriseId: 'e-1', type: 'licence-application', data, sourceFormat: 'xml' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(DomainError).and.include({ code: 'VALIDATION.FAILED', kind: 'invalid' });
    expect((error as DomainError).details.errors).to.deep.equal([
      {
        pointer: '/issuingAgency',
        xmlPath: '/licence-application/issuingAgency',
        code: 'AGENCY.UNKNOWN',
        message: 'MOFA is not in the code list issuing-agencies',
      },
    ]);
    expect(store.documents.size).to.equal(0);
  });

  it('pages newest first with a cursor that continues where the last page stopped', async () => {
    const { documents } = service({ plan: () => ({ outbox: [] }) });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push(
        (
          await documents.submit({
            enterpriseId: 'e-3',
            type: 'licence-application',
            data: validJson('licence-application'),
            sourceFormat: 'json',
          })
        ).id,
      );
    const first = await documents.list('e-3', {}, { limit: 2 });
    const second = await documents.list('e-3', {}, { limit: 2, cursor: first.nextCursor! });
    const third = await documents.list('e-3', {}, { limit: 2, cursor: second.nextCursor! });
    const newestFirst = [...ids].sort().reverse();
    expect([...first.items, ...second.items, ...third.items].map((item) => item.id)).to.deep.equal(newestFirst);
    expect(third.nextCursor).to.equal(undefined);
  });
});
