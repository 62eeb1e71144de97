import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { decide, type DecisionPolicy } from '../../connectors/reference/decision-policy.js';
import { goodsXmlDecoder } from '../../connectors/reference/goods-xml-decoder.js';
import { loadPolicy } from '../../connectors/reference/load-policy.js';
import { permitNumber } from '../../connectors/reference/permit-numbers.js';
import type { AgencyWorkItem } from '../../connectors/sdk/agency-work-item.js';
import { fixture } from '../routing/support/routing-kit.js';

function work(agency: string, changes: Partial<AgencyWorkItem> = {}): AgencyWorkItem {
  return {
    documentId: '5b0f6d1e-2c34-4c55-9d1e-8a7b6c5d4e3f',
    reference: 'VNSW-2025-00000042',
    type: 'customs-declaration',
    schemaVersion: 'v1',
    agency,
    enterprise: { id: 'ent-1' },
    dueAt: '2025-06-12T10:00:00.000Z',
    dispatch: 1,
    routing: { ruleSetVersion: '2025-01', rules: ['medicines'] },
    earlierDecisions: [],
    links: { document: '/x', decisions: '/y' },
    document: fixture('routing/import-salmon-and-medicines.json'),
    messageId: 'm-1',
    format: 'json',
    attempt: 0,
    ...changes,
  };
}

describe('reference connector decision policy', () => {
  const policy: DecisionPolicy = {
    default: { action: 'approve' },
    agencies: {
      'MOH-DAV': { rules: [{ when: { hsPrefixes: ['3004'], amended: false }, action: 'needs-info', question: 'Attach the CPP' }] },
      'MARD-NAFIQAD': { rules: [{ when: { originCountries: ['NO'] }, action: 'reject', reasons: ['Listed establishment not approved'] }] },
      MOIT: { action: 'acknowledge-then-approve' },
    },
  };

  it('asks for information by rule, and approves once the document comes back amended', () => {
    expect(decide(policy, work('MOH-DAV'))).to.deep.equal([{ decision: 'NEEDS_INFO', question: 'Attach the CPP' }]);
    const amended = decide(policy, work('MOH-DAV', { amendment: { number: 1, answer: 'attached', amendedAt: '2025-06-11T09:00:00Z' } }));
    expect(amended.map((r) => r.decision)).to.deep.equal(['APPROVED']);
  });

  it('rejects by origin with the configured reasons', () => {
    expect(decide(policy, work('MARD-NAFIQAD'))).to.deep.equal([{ decision: 'REJECTED', reasons: ['Listed establishment not approved'] }]);
  });

  it('acknowledges first and then approves when told to', () => {
    expect(decide(policy, work('MOIT')).map((r) => r.decision)).to.deep.equal(['ACKNOWLEDGED', 'APPROVED']);
  });

  it('issues permit numbers in each agency’s real format, stable per document', () => {
    expect(permitNumber('MOH-DAV', 'doc-1')).to.match(/^[0-9]{1,6}\/QLD-(KD|GPNK)$/);
    expect(permitNumber('MARD-NAFIQAD', 'doc-1')).to.match(/^[0-9]{1,6}\/(CL|ATTP)-QLCL$/);
    expect(permitNumber('CUSTOMS', 'doc-1')).to.match(/^[0-9]{12}$/);
    expect(permitNumber('MOT', 'doc-1')).to.match(/^[0-9]{1,6}\/(VAQ|VR)[0-9]{2}-[0-9]{2}$/);
    expect(permitNumber('CUSTOMS', 'doc-1')).to.equal(permitNumber('CUSTOMS', 'doc-1'));
  });

  it('loads the shipped default policy and refuses an invalid one with the reason', () => {
    expect(loadPolicy().default.action).to.be.a('string');
    expect(() => loadPolicy('{"default": {"action": "shrug"}}')).to.throw(/CONNECTOR_POLICY is invalid/);
    expect(() => loadPolicy('{"default": ')).to.throw(/not JSON/);
    expect(() => loadPolicy('/no/such/policy.json')).to.throw(/does not exist/);
  });

  it("decides an XML agency's work by the goods it reads from the XML payload", () => {
    const xml = readFileSync(new URL('../fixtures/documents/valid/customs-declaration-import.xml', import.meta.url), 'utf8');
    const document = goodsXmlDecoder()('customs-declaration', xml);
    const laptops: DecisionPolicy = {
      default: {
        action: 'approve',
        rules: [{ when: { hsPrefixes: ['8471'], originCountries: ['CN'] }, action: 'reject', reasons: ['Laptops from CN are held'] }],
      },
    };
    expect(decide(laptops, work('CUSTOMS', { format: 'xml', xml, document }))).to.deep.equal([
      { decision: 'REJECTED', reasons: ['Laptops from CN are held'] },
    ]);
    const notLaptops = {
      ...laptops,
      default: { ...laptops.default, rules: [{ when: { hsPrefixes: ['0303'] }, action: 'reject' as const }] },
    };
    expect(decide(notLaptops, work('CUSTOMS', { format: 'xml', xml, document }))[0]).to.include({ decision: 'APPROVED' });
  });
});
