import { createHash, randomUUID } from 'node:crypto';
import type { SigningIdentity } from '../signing/self-signed-certificate.js';
import { signDocument } from '../signing/xml-signature.js';
import type { DeliveryStatus, Receipt } from './receipt.js';
import { writeReceipt } from './receipt-writer.js';

/** Base64 SHA-256 of a message as received (its UTF-8 bytes). */
export function digestOf(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64');
}

export interface ReceiptFacts {
  refToMessageId?: string;
  /** The party issuing the receipt (the receiver of the message). */
  from: string;
  to: string;
  receivedDigest: string;
  deliveryStatus: DeliveryStatus;
  reason?: { code: string; text?: string };
  warnings?: string[];
}

/** A signed receipt, as XML, and what it says. */
export function issueReceipt(facts: ReceiptFacts, identity: SigningIdentity, now = new Date()): { receipt: Receipt; xml: string } {
  const receipt: Receipt = { receiptId: randomUUID(), issuedAt: now, ...facts };
  return { receipt, xml: signDocument(writeReceipt(receipt), identity.privateKeyPem, identity.certificatePem) };
}
