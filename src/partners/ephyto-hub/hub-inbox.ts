import type { HubEnvelope } from './hub-envelope.js';

/** A pulled envelope as stored, before it is acknowledged (nothing accepted from the hub is lost). */
export interface PulledEnvelope {
  hubDeliveryNumber: string;
  from: string;
  certificateNumber: string;
  certificateStatus: number;
  content: string;
  outcome: 'accepted' | 'refused';
  reason?: string;
  warnings: string[];
  data?: Record<string, unknown>;
  pulledAt: Date;
  /** The document submitted from it, once it is. */
  documentId?: string;
}

/** Where pulled envelopes are kept, unique by hub delivery number. */
export interface HubInbox {
  /** Stores it; false when this delivery number was stored already (a duplicate pull). */
  store(envelope: PulledEnvelope): Promise<boolean>;
  find(hubDeliveryNumber: string): Promise<PulledEnvelope | undefined>;
  markSubmitted(hubDeliveryNumber: string, documentId: string): Promise<void>;
  /** Accepted envelopes whose document was not submitted yet (a crash between acknowledging and submitting). */
  unsubmitted(limit: number): Promise<PulledEnvelope[]>;
}

export type { HubEnvelope };
