export const DECISIONS = ['ACKNOWLEDGED', 'APPROVED', 'REJECTED', 'NEEDS_INFO'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** A decision as agencies send it (AMQP body or HTTP body). */
export interface DecisionMessage {
  documentId: string;
  agency: string;
  decision: DecisionKind;
  permitNumber?: string;
  reasons?: string[];
  question?: string;
  decidedAt: string;
}

/** Where a decision came from; the messageId makes applying it idempotent. */
export interface DecisionEnvelope {
  messageId: string;
  channel: 'amqp' | 'http';
  message: DecisionMessage;
}
