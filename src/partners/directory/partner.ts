import type { DocumentType } from '../../kernel/document-record.js';

/** Retries of a send that failed for a transient reason. */
export interface RetryPolicy {
  /** Sends in all, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
}

/** One partner single window, as the directory describes it (schemas/partners/partner-directory.schema.json). */
export interface Partner {
  country: string;
  name: string;
  profile: string;
  gatewayUrl: string;
  /** Document types the partner sends to this single window. */
  sends: DocumentType[];
  /** Document types this single window sends to the partner. */
  receives: DocumentType[];
  /** PEM; without it nothing is exchanged, because nothing from the partner could be verified. */
  certificate?: string;
  retryPolicy: RetryPolicy;
  enabled: boolean;
}


/** The wait before send number `attempt + 1`, after `attempt` failed sends. */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  const delay = policy.initialDelayMs * policy.multiplier ** Math.max(0, attempt - 1);
  return Math.round(Math.min(policy.maxDelayMs, delay));
}
