import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgencyRegistry } from '../../../src/agencies/agency-registry.js';
import { SchemaCatalog } from '../../../src/catalog/schema-catalog.js';
import type { DocumentType, TradeDocument } from '../../../src/kernel/document-record.js';
import { FakeLifecycleStore } from '../../../src/lifecycle/fake-lifecycle-store.js';
import { LifecycleService } from '../../../src/lifecycle/lifecycle-service.js';
import type { TransitionHook } from '../../../src/lifecycle/transition-hooks.js';
import { OutboxSignal } from '../../../src/outbox/outbox-signal.js';
import { AgencyDispatcher } from '../../../src/routing/agency-dispatcher.js';
import { RuleBook } from '../../../src/routing/rule-book.js';
import { RoutingPlanner } from '../../../src/routing/routing-planner.js';
import { DocumentXmlCodec } from '../../../src/xml/document-xml-codec.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as Record<string, unknown>;
}

let counter = 0;

/** A document as the intake hands it to the planner: stored SUBMITTED, first history entry, empty outbox. */
export function submittedDocument(type: DocumentType, data: Record<string, unknown>, submittedAt = new Date()): TradeDocument {
  counter += 1;
  const enterpriseId = 'ent-mekong-pharma';
  return {
    id: `doc-${process.pid}-${counter}`,
    reference: `VNSW-2025-${String(counter).padStart(8, '0')}`,
    type,
    schemaVersion: 'v1',
    enterpriseId,
    status: 'SUBMITTED',
    data,
    sourceFormat: 'json',
    origin: { channel: 'enterprise' },
    submittedAt,
    updatedAt: submittedAt,
    version: 1,
    history: [{ at: submittedAt, actor: `enterprise:${enterpriseId}`, from: null, to: 'SUBMITTED' }],
    outbox: [],
  };
}

/** The routing feature's pure parts over a fake store, as the service wires them. */
export function routingKit(hooks: TransitionHook[] = []) {
  const registry = AgencyRegistry.load();
  const rules = RuleBook.load(registry);
  const codec = new DocumentXmlCodec(SchemaCatalog.load(), { maxDepth: 64, maxElements: 100_000 });
  const dispatcher = new AgencyDispatcher(registry, (type, data) => codec.encode(type, data));
  const planner = new RoutingPlanner(rules, registry, dispatcher, 'VN');
  const store = new FakeLifecycleStore();
  const signal = new OutboxSignal();
  const lifecycle = new LifecycleService(store, hooks, signal);
  /** Plans and stores a document the way the intake does: one insert with the plan merged in. */
  const submit = (type: DocumentType, data: Record<string, unknown>): TradeDocument => {
    const document = submittedDocument(type, data);
    const plan = planner.plan(document);
    const stored: TradeDocument = {
      ...document,
      routing: plan.routing,
      status: plan.status ?? 'SUBMITTED',
      history: [...document.history, ...(plan.history ?? [])],
      outbox: plan.outbox,
    };
    store.documents.set(stored.id, stored);
    return stored;
  };
  return { registry, rules, codec, dispatcher, planner, store, signal, lifecycle, submit };
}

/** The salmon-and-tablets declaration turned into garments (HS 61, 62): customs is its only agency. */
export function garmentsDeclaration(localReference = 'MKP-IM-25/0613'): Record<string, unknown> {
  const declaration = fixture('routing/import-salmon-and-medicines.json');
  declaration.localReferenceNumber = localReference;
  const items = declaration.goodsItems as Record<string, unknown>[];
  Object.assign(items[0]!, { hsCode: '61091000', description: 'Cotton T-shirts, knitted, men’s, assorted sizes' });
  Object.assign(items[1]!, { hsCode: '62034200', description: 'Men’s cotton denim trousers' });
  return declaration;
}
