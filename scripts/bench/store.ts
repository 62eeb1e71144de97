/**
 * Embedded store benchmark: inserts/s, finds-by-_id/s and updates/s through the real driver
 * at 1k and at 1M stored documents, heap per 1k documents, and the same inserts and finds on
 * a plain Map (the in-process ceiling) so the protocol's share of the cost is visible.
 *
 *   node --import tsx scripts/bench/store.ts [--large 1000000]
 *
 * Client and server share this thread (startEmbeddedStoreInThread): the heap figure needs
 * the store in this isolate, and one thread shows the whole cost of each operation. The
 * service runs the store on its own worker thread (docs/embedded-store.md).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { MongoClient, ObjectId, type Collection } from 'mongodb';
import { startEmbeddedStoreInThread } from '../../src/platform/embedded-store/embedded-store.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { values } = parseArgs({ options: { large: { type: 'string', default: '1000000' } } });
const LEVELS = [1_000, Number(values.large)];
const CONCURRENCY = 8;
const INSERT_OPS = 5_000;
const FIND_OPS = 20_000;
const UPDATE_OPS = 10_000;
const LOAD_BATCH = 10_000;

interface Declaration {
  _id: ObjectId;
  reference: string;
  enterpriseId: string;
  type: string;
  status: string;
  lodgedAt: Date;
  items: { hsCode: string; quantity: number; valueUsd: number }[];
}

/** Ids derived from a counter, so the benchmark holds no id list that would skew the heap figure. */
const idOf = (n: number): ObjectId => new ObjectId(n.toString(16).padStart(24, '0'));

function declaration(n: number): Declaration {
  return {
    _id: idOf(n),
    reference: `CD-2024-${String(n).padStart(8, '0')}`,
    enterpriseId: `ENT-${n % 500}`,
    type: 'customs-declaration',
    status: 'SUBMITTED',
    lodgedAt: new Date(1_700_000_000_000 + n * 1000),
    items: [
      { hsCode: '100630', quantity: 2000, valueUsd: 1040.5 },
      { hsCode: '090111', quantity: 150, valueUsd: 730 },
    ],
  };
}

/** Runs `operations` calls of `op(i)` with CONCURRENCY in flight; returns operations per second. */
async function rate(operations: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < operations) await op(next++);
    }),
  );
  return operations / (Number(process.hrtime.bigint() - started) / 1e9);
}

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const format = (perSecond: number): string => Math.round(perSecond).toLocaleString('en-US').padStart(12);

interface LevelResult {
  level: number;
  loadPerSec: number;
  insertPerSec: number;
  findByIdPerSec: number;
  findByReferencePerSec: number;
  updateByIdPerSec: number;
  heapPer1k: number;
  mapInsertPerSec: number;
  mapGetPerSec: number;
}

async function measureLevel(client: MongoClient, level: number): Promise<LevelResult> {
  const collection: Collection<Declaration> = client.db('bench').collection<Declaration>(`declarations_${level}`);
  await collection.createIndex({ reference: 1 }, { unique: true });
  const before = heapUsed();
  const loadStarted = process.hrtime.bigint();
  for (let start = 0; start < level; start += LOAD_BATCH) {
    const batch = Array.from({ length: Math.min(LOAD_BATCH, level - start) }, (_, i) => declaration(start + i));
    await collection.insertMany(batch, { ordered: false });
  }
  const loadPerSec = level / (Number(process.hrtime.bigint() - loadStarted) / 1e9);
  const heapPer1k = ((heapUsed() - before) / level) * 1000;
  const insertPerSec = await rate(INSERT_OPS, (i) => collection.insertOne(declaration(level + i)));
  const findByIdPerSec = await rate(FIND_OPS, (i) => collection.findOne({ _id: idOf((i * 7919) % level) }));
  const findByReferencePerSec = await rate(FIND_OPS, (i) => collection.findOne({ reference: declaration((i * 7919) % level).reference }));
  // A status change plus a field of one array element, the shape of the service's own writes.
  const updateByIdPerSec = await rate(UPDATE_OPS, (i) =>
    collection.updateOne(
      { _id: idOf((i * 7919) % level) },
      { $set: { status: `CHECKED-${i}` }, $inc: { 'items.$[rice].quantity': 1 } },
      { arrayFilters: [{ 'rice.hsCode': '100630' }] },
    ),
  );
  await collection.drop();
  const ceiling = mapCeiling(level);
  return { level, loadPerSec, insertPerSec, findByIdPerSec, findByReferencePerSec, updateByIdPerSec, heapPer1k, ...ceiling };
}

/** The same inserts and id lookups on a Map keyed by the id's hex string: no protocol, no BSON. */
function mapCeiling(level: number): { mapInsertPerSec: number; mapGetPerSec: number } {
  const map = new Map<string, Declaration>();
  for (let n = 0; n < level; n++) map.set(idOf(n).toHexString(), declaration(n));
  let started = process.hrtime.bigint();
  for (let i = 0; i < INSERT_OPS; i++) map.set(idOf(level + i).toHexString(), declaration(level + i));
  const mapInsertPerSec = INSERT_OPS / (Number(process.hrtime.bigint() - started) / 1e9);
  let found = 0;
  started = process.hrtime.bigint();
  for (let i = 0; i < FIND_OPS; i++) if (map.get(idOf((i * 7919) % level).toHexString())) found++;
  const mapGetPerSec = FIND_OPS / (Number(process.hrtime.bigint() - started) / 1e9);
  if (found !== FIND_OPS) throw new Error('map ceiling lookups missed');
  return { mapInsertPerSec, mapGetPerSec };
}

async function main(): Promise<void> {
  const store = await startEmbeddedStoreInThread({});
  const client = await MongoClient.connect(store.uri, { maxPoolSize: CONCURRENCY });
  const results: LevelResult[] = [];
  try {
    // Let the JIT settle on both sides of the socket before anything is measured.
    await measureLevel(client, LEVELS[0]!);
    for (const level of LEVELS) {
      results.push(await measureLevel(client, level));
      const r = results[results.length - 1]!;
      console.log(
        `\n${r.level.toLocaleString('en-US')} documents (driver -> loopback -> embedded store, in memory, ${CONCURRENCY} in flight)`,
      );
      console.log(`  bulk load (insertMany x${LOAD_BATCH}) docs/s ${format(r.loadPerSec)}`);
      console.log(`  insertOne/s                          ${format(r.insertPerSec)}   ceiling Map.set/s ${format(r.mapInsertPerSec)}`);
      console.log(`  findOne by _id/s                     ${format(r.findByIdPerSec)}   ceiling Map.get/s ${format(r.mapGetPerSec)}`);
      console.log(`  findOne by unique reference/s        ${format(r.findByReferencePerSec)}`);
      console.log(`  updateOne by _id ($set, $inc $[e])/s ${format(r.updateByIdPerSec)}`);
      console.log(
        `  heap used per 1k stored documents    ${(r.heapPer1k / 1024).toFixed(0).padStart(9)} KiB (document + _id map + unique index)`,
      );
    }
  } finally {
    await client.close();
    await store.close();
  }
  const [small, large] = results;
  if (small && large) {
    console.log(
      `\nfind-by-_id rate at ${large.level.toLocaleString('en-US')} vs ${small.level.toLocaleString('en-US')}: ${(large.findByIdPerSec / small.findByIdPerSec).toFixed(2)}x (1.00 = flat)`,
    );
    console.log(
      `insertOne rate at ${large.level.toLocaleString('en-US')} vs ${small.level.toLocaleString('en-US')}:   ${(large.insertPerSec / small.insertPerSec).toFixed(2)}x`,
    );
  }
}

await main();
