import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/platform/embedded-store/embedded-store.js';
import { loadUnifiedFiles, schemaSupported } from './unified/load-unified-files.js';
import { RefusedList } from './unified/refused-list.js';
import { unmetRequirements, type ServerFacts } from './unified/run-on-requirements.js';
import { runUnifiedTest, type RunnerContext } from './unified/run-unified-test.js';
import type { UnifiedFile, UnifiedTest } from './unified/unified-format.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/mongodb-crud-unified/', import.meta.url));
const files = loadUnifiedFiles(FIXTURES);
const refused = RefusedList.load(join(FIXTURES, 'refused.json'));

/**
 * MongoDB's own CRUD tests (specifications repository, unified format), each run through
 * the driver against the embedded store. A test listed in refused.json is reported as
 * pending with its reason; any other must pass. A listed test that passes anyway is
 * printed, so the list can shrink.
 */
describe('MongoDB CRUD unified tests against the embedded store', function () {
  let store: EmbeddedStore;
  let context: RunnerContext;
  let server: ServerFacts;

  before(async function () {
    store = await startEmbeddedStore();
    const internal = await MongoClient.connect(store.uri);
    context = { uri: store.uri, internal };
    const buildInfo = await internal.db('admin').command({ buildInfo: 1 });
    const hello = await internal.db('admin').command({ hello: 1 });
    const topology = typeof hello.setName === 'string' ? 'replicaset' : hello.msg === 'isdbgrid' ? 'sharded' : 'single';
    server = { version: (buildInfo.versionArray as number[]).slice(0, 3), topology };
  });

  after(async function () {
    await context?.internal.close();
    await store?.close();
  });

  for (const { name, file } of files) {
    describe(name, function () {
      for (const test of file.tests) {
        it(test.description, async function () {
          const listed = refused.lookup(name, test.description);
          const skipped = whySkipped(file, test, server);
          if (skipped !== undefined) {
            expect(listed?.reason, `skipped (${skipped}), so refused.json must list it as runOnRequirements`).to.equal('runOnRequirements');
            this.skip();
          }
          expect(listed?.reason, 'its requirements hold, so refused.json must not list it as runOnRequirements').to.not.equal(
            'runOnRequirements',
          );
          if (!listed) return runUnifiedTest(context, file, test);
          const passed = await runUnifiedTest(context, file, test).then(
            () => true,
            () => false,
          );
          if (passed) console.log(`      refused.json lists ${name}: "${test.description}" (${listed.reason}), but it passes`);
          this.skip();
        });
      }
    });
  }

  it('refused.json lists only tests the fixtures hold', function () {
    const held = new Set(files.flatMap(({ name, file }) => file.tests.map((test) => RefusedList.key(name, test.description))));
    const stale = refused.entries.filter((entry) => !held.has(RefusedList.key(entry.file, entry.test)));
    expect(stale).to.deep.equal([]);
  });
});

function whySkipped(file: UnifiedFile, test: UnifiedTest, server: ServerFacts): string | undefined {
  if (!schemaSupported(file.schemaVersion)) return `schema version ${file.schemaVersion}`;
  if (test.skipReason) return test.skipReason;
  return unmetRequirements(file.runOnRequirements, server) ?? unmetRequirements(test.runOnRequirements, server);
}
