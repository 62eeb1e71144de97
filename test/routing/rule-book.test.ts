import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AgencyRegistry } from '../../src/agencies/agency-registry.js';
import { ReferenceDataError } from '../../src/agencies/read-validated-json.js';
import { RuleBook } from '../../src/routing/rule-book.js';
import { inHsRange } from '../../src/routing/match-rules.js';

describe('routing rules as data', () => {
  const registry = AgencyRegistry.load();

  function ruleDir(ruleSet: object, name = '2026-01.json'): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-rules-'));
    writeFileSync(path.join(dir, name), JSON.stringify(ruleSet));
    return dir;
  }
  const catchAll = ['customs-declaration', 'certificate-of-origin', 'phytosanitary-certificate', 'licence-application'].map((type) => ({
    id: `all-${type}`,
    description: 'Every document of the type',
    when: { documentTypes: [type] },
    agencies: ['CUSTOMS'],
  }));
  const ruleSet = (rules: object[]) => ({
    version: '2026-01',
    effectiveFrom: '2026-01-01T00:00:00+07:00',
    description: 'Test rules',
    rules: [...catchAll, ...rules],
  });

  it('loads the shipped versions and picks the one in force at a given time', () => {
    const book = RuleBook.load(registry);
    expect(book.list().map((set) => set.version)).to.deep.equal(['2024-07', '2025-01', '2026-11']);
    expect(book.current(new Date('2024-12-31T12:00:00+07:00')).version).to.equal('2024-07');
    expect(book.current(new Date('2025-03-01T00:00:00Z')).version).to.equal('2025-01');
    expect(book.current(new Date('2026-11-15T00:00:00Z')).version).to.equal('2026-11');
  });

  it('refuses at start-up rules naming unknown agencies, reversed HS ranges or duplicate ids', () => {
    const dir = ruleDir(
      ruleSet([
        {
          id: 'wine',
          description: 'Wine',
          when: { documentTypes: ['customs-declaration'], goods: { hs: [{ from: '2205', to: '2204' }] } },
          agencies: ['MINISTRY-OF-FUN'],
        },
        {
          id: 'wine',
          description: 'Wine again',
          when: { documentTypes: ['customs-declaration'], goods: { hs: [{ from: '22', to: '2204' }] } },
          agencies: ['MOH-VFA'],
        },
      ]),
    );
    try {
      RuleBook.load(registry, dir);
      expect.fail('the rules should have been refused');
    } catch (error) {
      expect(error).to.be.instanceOf(ReferenceDataError);
      const problems = (error as ReferenceDataError).problems.join('\n');
      expect(problems).to.contain('unknown agency MINISTRY-OF-FUN');
      expect(problems).to.contain('2205-2204 is reversed');
      expect(problems).to.contain('mixes code lengths');
      expect(problems).to.contain('rule wine is defined twice');
    }
  });

  it('refuses a rule set that would leave a document type unrouted, or that does not match its schema', () => {
    const incomplete = { ...ruleSet([]), rules: catchAll.slice(1) };
    expect(() => RuleBook.load(registry, ruleDir(incomplete))).to.throw(ReferenceDataError, /no rule routes every customs-declaration/);
    expect(() => RuleBook.load(registry, ruleDir({ ...ruleSet([]), rules: 'all of them' }))).to.throw(ReferenceDataError, /must be array/);
    const byFax = {
      id: 'fax',
      description: 'Documents sent by fax',
      when: { documentTypes: ['licence-application'], channels: ['fax'] },
      agencies: ['MOIT'],
    };
    expect(() => RuleBook.load(registry, ruleDir(ruleSet([byFax])))).to.throw(
      ReferenceDataError,
      /channels\/0 must be equal to one of the allowed values/,
    );
    expect(() => RuleBook.load(registry, ruleDir(ruleSet([]), '2027-01.json'))).to.throw(ReferenceDataError, /must be named 2026-01.json/);
  });

  it('matches HS ranges by chapter, heading or subheading prefix', () => {
    expect(inHsRange('03031300', { from: '03', to: '03' })).to.equal(true);
    expect(inHsRange('16041400', { from: '1603', to: '1605' })).to.equal(true);
    expect(inHsRange('16061000', { from: '1603', to: '1605' })).to.equal(false);
    expect(inHsRange('3', { from: '03', to: '03' })).to.equal(false);
  });
});
