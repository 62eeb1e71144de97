import type { ServiceContext } from '../platform/service-context.js';
import type { OutboxSignal } from '../outbox/outbox-signal.js';
import { LifecycleService } from './lifecycle-service.js';
import { MongoLifecycleStore } from './mongo-lifecycle-store.js';
import type { TransitionHook } from './transition-hooks.js';

/** The guarded single-document state change every use case after intake goes through. */
export function createLifecycleFeature({ db }: ServiceContext, inputs: { signal: OutboxSignal; hooks: TransitionHook[] }) {
  const documents = new MongoLifecycleStore(db.connection);
  const lifecycle = new LifecycleService(documents, inputs.hooks, inputs.signal);
  return { documents, lifecycle };
}

export type LifecycleFeature = ReturnType<typeof createLifecycleFeature>;
