import type { DocumentType } from '../../kernel/document-record.js';

/** Retries of a send that failed for a transient reason. */
export interface RetryPolicy {
  /** Sends in all, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
}

/** How messages to and from a partner travel (docs/partners.md). */
export type PartnerChannel = 'gateway' | 'ephyto-hub';

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
  /** Absent: `gateway`. */
  channel?: PartnerChannel;
  /** Per document type, a channel other than `channel`. */
  documentChannels?: Partial<Record<DocumentType, PartnerChannel>>;
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

/** The channel a document of this type travels by to or from the partner. */
export function channelFor(partner: Pick<Partner, 'channel' | 'documentChannels'>, type: DocumentType): PartnerChannel {
  return partner.documentChannels?.[type] ?? partner.channel ?? 'gateway';
}
