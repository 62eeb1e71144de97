import type { XmlLimits } from '../../xml/safe-xml-parser.js';
import type { Partner } from '../directory/partner.js';
import { PartnerMessageError } from '../messages/partner-message-error.js';
import type { PartnerSchemas } from '../partner-schemas.js';
import { readReceipt } from '../messages/receipt-reader.js';
import type { Receipt } from '../messages/receipt.js';
import { SignatureError } from '../signing/xml-signature.js';
import type { PartnerExchange } from './partner-exchange.js';
import type { TransportOutcome } from './partner-transport.js';

/**
 * How a send ended, by failure class: `delivered` (a positive signed receipt),
 * `transient` (connection refused, timeout, HTTP 408/429/5xx: retry by policy),
 * `failed` (a negative receipt, another 4xx, or a receipt that cannot be trusted:
 * retrying would not change the answer).
 */
export type Verdict =
  | { kind: 'delivered'; receipt: Receipt }
  | { kind: 'transient'; reason: string }
  | { kind: 'failed'; code: string; reason: string; receipt?: Receipt };

const TRANSIENT_STATUSES = new Set([408, 425, 429]);

export function judge(
  outcome: TransportOutcome,
  exchange: PartnerExchange,
  partner: Partner,
  ownCountry: string,
  schemas: PartnerSchemas,
  limits: XmlLimits,
): Verdict {
  if (outcome.kind === 'unreachable') return { kind: 'transient', reason: outcome.reason };
  if (outcome.status >= 500 || TRANSIENT_STATUSES.has(outcome.status)) return { kind: 'transient', reason: `HTTP ${outcome.status}` };
  let receipt: Receipt;
  try {
    receipt = readReceipt(outcome.body, partner.certificate!, schemas, limits);
  } catch (error) {
    if (!(error instanceof PartnerMessageError || error instanceof SignatureError)) throw error;
    const code = outcome.status >= 400 ? 'PARTNER_REFUSED' : 'RECEIPT_INVALID';
    return { kind: 'failed', code, reason: `HTTP ${outcome.status} without a valid signed receipt: ${error.message}` };
  }
  const mismatch =
    receipt.refToMessageId !== exchange.messageId
      ? `the receipt answers message ${receipt.refToMessageId ?? '(none)'}`
      : receipt.from !== partner.country || receipt.to !== ownCountry
        ? `the receipt is from ${receipt.from} to ${receipt.to}`
        : !exchange.sentDigests.includes(receipt.receivedDigest)
          ? 'the receipt digest matches nothing that was sent'
          : undefined;
  if (mismatch) return { kind: 'failed', code: 'RECEIPT_MISMATCH', reason: mismatch, receipt };
  if (receipt.deliveryStatus === 'FailedDelivery') {
    return {
      kind: 'failed',
      code: receipt.reason?.code ?? 'NEGATIVE_RECEIPT',
      reason: receipt.reason?.text ?? 'the partner refused the message',
      receipt,
    };
  }
  return { kind: 'delivered', receipt };
}
