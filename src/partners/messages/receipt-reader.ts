import type { XmlLimits } from '../../xml/safe-xml-parser.js';
import { PARTNER_NAMESPACE } from './envelope.js';
import { parsePartnerXml } from './partner-xml.js';
import { PartnerMessageError } from './partner-message-error.js';
import type { PartnerSchemas } from '../partner-schemas.js';
import { attribute, child, children, text } from '../profiles/parsed-xml.js';
import { verifyDocument } from '../signing/xml-signature.js';
import { RECEIPT_ROOT, type DeliveryStatus, type Receipt } from './receipt.js';

/**
 * Reads a receipt after verifying its signature against the certificate of the
 * party that should have issued it. Throws PartnerMessageError (MALFORMED,
 * INVALID_MESSAGE) or SignatureError (UNSIGNED, BAD_SIGNATURE).
 */
export function readReceipt(xml: string, issuerCertificatePem: string, schemas: PartnerSchemas, limits: XmlLimits): Receipt {
  parsePartnerXml(xml, limits);
  const parsed = parsePartnerXml(verifyDocument(xml, issuerCertificatePem), limits);
  if (parsed.root !== RECEIPT_ROOT || parsed.namespace !== PARTNER_NAMESPACE) {
    throw new PartnerMessageError('MALFORMED', `the receipt's root element must be ${RECEIPT_ROOT} in namespace ${PARTNER_NAMESPACE}`);
  }
  const problems = schemas.checkReceipt(parsed.content);
  if (problems.length > 0) throw new PartnerMessageError('INVALID_MESSAGE', 'the receipt does not match its schema', problems);
  const content = parsed.content;
  const refToMessageId = text(content, 'RefToMessageId');
  const reasonNode = child(content, 'Reason');
  const warnings = children(content, 'Warning')
    .map((warning) => text(warning))
    .filter((warning): warning is string => warning !== undefined);
  return {
    receiptId: text(content, 'ReceiptId')!,
    ...(refToMessageId ? { refToMessageId } : {}),
    from: text(content, 'From')!,
    to: text(content, 'To')!,
    issuedAt: new Date(text(content, 'IssuedAt')!),
    deliveryStatus: text(content, 'DeliveryStatus') as DeliveryStatus,
    receivedDigest: text(content, 'ReceivedDigest')!,
    ...(reasonNode !== undefined
      ? { reason: { code: attribute(reasonNode, 'code')!, ...(text(reasonNode) ? { text: text(reasonNode)! } : {}) } }
      : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
