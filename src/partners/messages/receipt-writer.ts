import { create } from 'xmlbuilder2';
import { PARTNER_NAMESPACE } from './envelope.js';
import { RECEIPT_ROOT, SHA256_URI, type Receipt } from './receipt.js';

/** The unsigned receipt XML. */
export function writeReceipt(receipt: Receipt): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(PARTNER_NAMESPACE, RECEIPT_ROOT);
  root.ele('ReceiptId').txt(receipt.receiptId);
  if (receipt.refToMessageId) root.ele('RefToMessageId').txt(receipt.refToMessageId);
  root.ele('From').txt(receipt.from);
  root.ele('To').txt(receipt.to);
  root.ele('IssuedAt').txt(receipt.issuedAt.toISOString());
  root.ele('DeliveryStatus').txt(receipt.deliveryStatus);
  root.ele('ReceivedDigest', { algorithm: SHA256_URI }).txt(receipt.receivedDigest);
  if (receipt.reason) {
    const reason = root.ele('Reason', { code: receipt.reason.code });
    if (receipt.reason.text) reason.txt(receipt.reason.text.slice(0, 2000));
  }
  for (const warning of receipt.warnings ?? []) root.ele('Warning').txt(warning.slice(0, 2000));
  return root.end({ headless: true });
}
