import { expect } from 'chai';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';

const rules = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;

async function violationsIn(
  baseDir: string,
  roots: string[],
  options: IConfiguration['options'] = {},
): Promise<{ rule: string; from: string; to: string }[]> {
  const reporting = await cruise(roots, { ...rules.options, ...options, baseDir, validate: true, ruleSet: { forbidden: rules.forbidden } });
  return (reporting.output as ICruiseResult).summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('the dependency rules (.dependency-cruiser.cjs)', function () {
  this.timeout(120_000);

  it('hold for the whole of src/ and connectors/', async () => {
    expect(await violationsIn(process.cwd(), ['src', 'connectors'])).to.deep.equal([]);
  });

  describe('on a tree that breaks them', () => {
    let dir: string;
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };

    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'dependency-rules-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('catch an import cycle between two feature folders', async () => {
      write(
        'src/billing/invoice-service.ts',
        "import { customerName } from '../customers/customer-service';\nexport const invoice = () => customerName();\n",
      );
      write(
        'src/customers/customer-service.ts',
        "import { invoice } from '../billing/invoice-service';\nexport const customerName = () => 'Minh Phat';\nexport const bill = () => invoice();\n",
      );
      const found = await violationsIn(dir, ['src'], { tsConfig: undefined });
      expect(found.map((v) => v.rule)).to.include('no-folder-cycles');
    });

    it("catch a feature reaching into another feature's store adapter", async () => {
      write(
        'src/billing/invoice-service.ts',
        "import { MongoCustomerStore } from '../customers/mongo-customer-store';\nexport const store = MongoCustomerStore;\n",
      );
      write('src/customers/mongo-customer-store.ts', 'export class MongoCustomerStore {}\n');
      const found = await violationsIn(dir, ['src'], { tsConfig: undefined });
      expect(found).to.deep.include({
        rule: 'no-feature-internals',
        from: 'src/billing/invoice-service.ts',
        to: 'src/customers/mongo-customer-store.ts',
      });
    });

    it('catch the SDK importing the service beyond the contracts', async () => {
      write(
        'connectors/sdk/agency-connector.ts',
        "import { Broker } from '../../src/platform/messaging/broker';\nexport const broker = Broker;\n",
      );
      write('src/platform/messaging/broker.ts', 'export class Broker {}\n');
      const found = await violationsIn(dir, ['connectors', 'src'], { tsConfig: undefined });
      expect(found.map((v) => v.rule)).to.include('sdk-on-contracts-only');
    });
  });
});
