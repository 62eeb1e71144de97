/** A recorded answer of the enterprise to agencies' NEEDS_INFO questions (stored in the document's `amendments`). */
export interface Amendment {
  number: number;
  at: Date;
  actor: string;
  answer: string;
  /** The questions answered, one per agency that asked. */
  answers: { agency: string; question?: string }[];
  /** Agencies the amended document newly concerns under the same rule set. */
  addedAgencies: string[];
  /** SHA-256 of the canonical JSON before and after: the amendment replaces `data`, the record proves what changed. */
  dataSha256Before: string;
  dataSha256After: string;
}
