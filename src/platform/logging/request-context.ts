import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while handling one request or message should carry. */
export interface RequestContext {
  requestId: string;
  enterpriseId?: string;
  agency?: string;
  partner?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds what became known mid-request (e.g. the enterprise after authentication). */
export function enrichContext(fields: Partial<RequestContext>): void {
  const context = storage.getStore();
  if (context) Object.assign(context, fields);
}
