import type { ConsumeMessage } from 'amqplib';
import type { DocumentType } from '../../src/kernel/contracts/document-types.js';
import { ENVELOPE_HEADER, type AgencyWorkEnvelope, type AgencyWorkJson } from '../../src/kernel/contracts/agency-work.js';
import { attemptOf } from '../../src/kernel/contracts/redelivery.js';

/** Turns an agency's XML payload back into the document's canonical JSON. */
export type XmlDecoder = (type: DocumentType, xml: string) => Record<string, unknown>;

/** A document to decide, decoded from the agency's queue whatever the payload format. */
export interface AgencyWorkItem extends AgencyWorkEnvelope {
  /** The document's canonical JSON: always for JSON agencies, for XML agencies when the connector has an XML decoder. */
  document?: Record<string, unknown>;
  /** The payload as received, for XML agencies. */
  xml?: string;
  messageId: string;
  format: 'json' | 'xml';
  /** Retries so far (0 on the first delivery). */
  attempt: number;
}

/** A message the connector cannot make sense of: it goes to the dead-letter queue, never retried. */
export class UndecodableWorkError extends Error {
  override name = 'UndecodableWorkError';
}

export function decodeWorkItem(message: ConsumeMessage, decodeXml?: XmlDecoder): AgencyWorkItem {
  const messageId = message.properties.messageId;
  if (typeof messageId !== 'string' || !messageId) throw new UndecodableWorkError('the message has no messageId');
  const contentType = String(message.properties.contentType ?? '');
  const text = message.content.toString('utf8');
  const common = { messageId, attempt: attemptOf(message) };
  try {
    if (contentType === 'application/json') {
      const body = JSON.parse(text) as AgencyWorkJson;
      requireEnvelope(body);
      return { ...body, ...common, format: 'json' };
    }
    if (contentType === 'application/xml') {
      const header = (message.properties.headers ?? {})[ENVELOPE_HEADER];
      if (typeof header !== 'string') throw new UndecodableWorkError(`an XML message needs its envelope in the ${ENVELOPE_HEADER} header`);
      const envelope = JSON.parse(header) as AgencyWorkEnvelope;
      requireEnvelope(envelope);
      return { ...envelope, xml: text, ...(decodeXml ? { document: decodeXml(envelope.type, text) } : {}), ...common, format: 'xml' };
    }
  } catch (error) {
    if (error instanceof UndecodableWorkError) throw error;
    throw new UndecodableWorkError(`cannot decode the ${contentType} payload: ${(error as Error).message}`);
  }
  throw new UndecodableWorkError(`unsupported content type "${contentType}"`);
}

function requireEnvelope(value: Partial<AgencyWorkJson>): void {
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof value.documentId !== 'string' ||
    typeof value.agency !== 'string' ||
    typeof value.type !== 'string'
  ) {
    throw new UndecodableWorkError('the envelope lacks documentId, agency or type');
  }
}
