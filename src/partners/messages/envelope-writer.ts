import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { ENVELOPE_ROOT, PARTNER_NAMESPACE, type BusinessResponse, type EnvelopeHeader } from './envelope.js';

/** The unsigned envelope XML: header, then the payload the callback appends under `Payload`. */
export function writeEnvelope(header: EnvelopeHeader, writePayload: (parent: XMLBuilder) => void): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(PARTNER_NAMESPACE, ENVELOPE_ROOT);
  const head = root.ele('Header');
  head.ele('MessageId').txt(header.messageId);
  head.ele('ConversationId').txt(header.conversationId);
  if (header.refToMessageId) head.ele('RefToMessageId').txt(header.refToMessageId);
  head.ele('From').txt(header.from);
  head.ele('To').txt(header.to);
  head.ele('Profile').txt(header.profile);
  head.ele('MessageKind').txt(header.kind);
  head.ele('DocumentType').txt(header.documentType);
  head.ele('DocumentStatus').txt(header.documentStatus);
  head.ele('SentAt').txt(header.sentAt.toISOString());
  writePayload(root.ele('Payload'));
  return root.end({ headless: true });
}

export function writeBusinessResponse(response: BusinessResponse, parent: XMLBuilder): void {
  const element = parent.ele(PARTNER_NAMESPACE, 'BusinessResponse');
  element.ele('Outcome').txt(response.outcome);
  if (response.partnerReference) element.ele('PartnerReference').txt(response.partnerReference);
  if (response.reason) element.ele('Reason').txt(response.reason);
}
