import type { EmbeddedStoreOptions } from '../embedded-store.js';

/** What the store's thread starts with: the options, less the logger (functions cannot cross threads). */
export type StoreThreadOptions = Omit<EmbeddedStoreOptions, 'logger'>;

export type LogLevel = 'info' | 'warn' | 'error';

/** An error as it crosses the thread boundary: plain fields, so nothing is lost to structured cloning. */
export interface ErrorFields {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

export type ToStoreThread = { kind: 'close' };

export type FromStoreThread =
  | { kind: 'ready'; uri: string; port: number }
  | { kind: 'failed'; error: ErrorFields }
  | { kind: 'closed' }
  | { kind: 'close-failed'; error: ErrorFields }
  | { kind: 'log'; level: LogLevel; message: string; meta?: Record<string, unknown> };

export function errorFields(error: unknown): ErrorFields {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as NodeJS.ErrnoException).code;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

export function reviveError(fields: ErrorFields): Error {
  const error: Error & { code?: string } = new Error(fields.message);
  error.name = fields.name;
  if (fields.stack) error.stack = fields.stack;
  if (fields.code) error.code = fields.code;
  return error;
}
