import type { DocumentType, TradeDocument } from '../../../src/kernel/document-record.js';
import { LifecycleService } from '../../../src/lifecycle/lifecycle-service.js';
import { FakeLifecycleStore } from '../../../src/lifecycle/fake-lifecycle-store.js';
import { OutboxSignal } from '../../../src/outbox/outbox-signal.js';
import { FakePartnerDirectoryStore } from '../../../src/partners/directory/fake-partner-directory-store.js';
import { PartnerDirectory } from '../../../src/partners/directory/partner-directory.js';
import type { Partner } from '../../../src/partners/directory/partner.js';
import { ExchangeRecorder } from '../../../src/partners/outbound/exchange-recorder.js';
import { PartnerTransitionHook, type PartnerSendJob } from '../../../src/partners/outbound/partner-transition-hook.js';
import { PartnerSchemas } from '../../../src/partners/partner-schemas.js';
import { ProfileRegistry } from '../../../src/partners/profiles/profile-registry.js';
import { createSelfSignedIdentity, type SigningIdentity } from '../../../src/partners/signing/self-signed-certificate.js';
import { logger } from '../../../src/platform/logging/logger.js';

export const LIMITS = { maxDepth: 32, maxElements: 200_000 };

let singleWindow: SigningIdentity | undefined;
/** The single window's identity for fast tests, made once per run. */
export function singleWindowIdentity(): SigningIdentity {
  return (singleWindow ??= createSelfSignedIdentity({
    country: 'VN',
    organisation: 'Viet Nam National Single Window',
    commonName: 'vnsw partner signing',
  }));
}

export function partnerEntry(country: string, overrides: Partial<Partner> = {}): Partner {
  return {
    country,
    name: `${country} national single window`,
    profile: 'asw',
    gatewayUrl: 'http://127.0.0.1:9/messages',
    sends: ['customs-declaration', 'certificate-of-origin', 'phytosanitary-certificate'],
    receives: ['customs-declaration', 'certificate-of-origin', 'phytosanitary-certificate'],
    retryPolicy: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 400, multiplier: 2 },
    enabled: true,
    ...overrides,
  };
}

/** Directory, profiles and a lifecycle over in-memory stores, with the partner hook installed. */
export async function partnerKit() {
  const profiles = ProfileRegistry.standard();
  const schemas = new PartnerSchemas(profiles);
  const directory = new PartnerDirectory(new FakePartnerDirectoryStore(), schemas, profiles);
  const store = new FakeLifecycleStore();
  const hook = new PartnerTransitionHook((country) => directory.find(country), profiles, 'VN');
  const lifecycle = new LifecycleService(store, [hook], new OutboxSignal());
  const exchanges = new ExchangeRecorder(lifecycle);

  /** Stores a document under review and approves it, as the last agency's decision would; returns the queued job, if any. */
  async function approve(type: DocumentType, data: Record<string, unknown>, origin: TradeDocument['origin'] = { channel: 'enterprise' }) {
    const id = `doc-${Math.random().toString(36).slice(2, 10)}`;
    const now = new Date();
    store.documents.set(id, {
      id,
      reference: `VNSW-2025-${id}`,
      type,
      schemaVersion: 'v1',
      enterpriseId: 'enterprise-lafooco',
      status: 'IN_REVIEW',
      data,
      sourceFormat: 'json',
      origin,
      submittedAt: now,
      updatedAt: now,
      version: 3,
      history: [],
      outbox: [],
    });
    const { document } = await lifecycle.change(id, () => ({ change: { to: 'APPROVED', actor: 'agency:CUSTOMS' }, result: undefined }));
    const entry = document.outbox.find((candidate) => candidate.type === 'partner.send');
    return { document, entry, job: entry ? (JSON.parse(entry.body) as PartnerSendJob) : undefined };
  }

  return { profiles, schemas, directory, store, lifecycle, exchanges, approve, logger };
}
