/** An agency that acts on trade documents, as its registry entry describes it. */
export interface Agency {
  code: string;
  name: string;
  ministry: string;
  queue: string;
  serviceLevelHours: number;
  payloadFormat: 'json' | 'xml';
  /** `matched-goods`: the agency sees only the goods items whose HS codes routed the document to it. */
  payloadScope: 'document' | 'matched-goods';
  /** Receives the document only after every other routed agency approved it. */
  decidesLast?: boolean;
}
