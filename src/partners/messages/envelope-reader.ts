import type { DocumentType } from '../../kernel/document-record.js';
import type { XmlLimits } from '../../xml/safe-xml-parser.js';
import { PartnerMessageError } from './partner-message-error.js';
import type { PartnerSchemas } from '../partner-schemas.js';
import { child, text } from '../profiles/parsed-xml.js';
import {
  ENVELOPE_ROOT,
  PARTNER_NAMESPACE,
  type BusinessResponse,
  type EnvelopeDocumentStatus,
  type MessageKind,
  type ReadEnvelope,
} from './envelope.js';
import { parsePartnerXml } from './partner-xml.js';

/** Reads an envelope from XML whose signature has been verified (the text the signature covers). */
export function readEnvelope(signedXml: string, schemas: PartnerSchemas, limits: XmlLimits): ReadEnvelope {
  const parsed = parsePartnerXml(signedXml, limits);
  if (parsed.root !== ENVELOPE_ROOT || parsed.namespace !== PARTNER_NAMESPACE) {
    throw new PartnerMessageError('MALFORMED', `the root element must be ${ENVELOPE_ROOT} in namespace ${PARTNER_NAMESPACE}`);
  }
  const problems = schemas.checkEnvelope(parsed.content);
  if (problems.length > 0) throw new PartnerMessageError('INVALID_MESSAGE', 'the envelope does not match its schema', problems);

  const header = child(parsed.content, 'Header');
  const payload = child(parsed.content, 'Payload') as Record<string, unknown>;
  const elements = Object.keys(payload).filter((key) => key !== '#text');
  if (elements.length !== 1 || Array.isArray(payload[elements[0]!])) {
    throw new PartnerMessageError('INVALID_MESSAGE', 'the payload must hold exactly one element');
  }
  const kind = text(header, 'MessageKind') as MessageKind;
  const payloadRoot = elements[0]!;
  if ((kind === 'business-response') !== (payloadRoot === 'BusinessResponse')) {
    throw new PartnerMessageError('INVALID_MESSAGE', 'a business-response message carries a BusinessResponse payload, and only it does');
  }
  const refToMessageId = text(header, 'RefToMessageId');
  return {
    header: {
      messageId: text(header, 'MessageId')!,
      conversationId: text(header, 'ConversationId')!,
      ...(refToMessageId ? { refToMessageId } : {}),
      from: text(header, 'From')!,
      to: text(header, 'To')!,
      profile: text(header, 'Profile')!,
      kind,
      documentType: text(header, 'DocumentType') as DocumentType,
      documentStatus: text(header, 'DocumentStatus') as EnvelopeDocumentStatus,
      sentAt: new Date(text(header, 'SentAt')!),
    },
    payloadRoot,
    payload: payload[payloadRoot],
  };
}

/** The sender an unverified envelope claims, to pick the certificate to verify it with. */
export function claimedSender(content: unknown): string | undefined {
  return text(child(content, 'Header'), 'From');
}

export function readBusinessResponse(payload: unknown): BusinessResponse {
  const partnerReference = text(payload, 'PartnerReference');
  const reason = text(payload, 'Reason');
  return {
    outcome: text(payload, 'Outcome') as BusinessResponse['outcome'],
    ...(partnerReference ? { partnerReference } : {}),
    ...(reason ? { reason } : {}),
  };
}
