import type { Connection, mongo } from 'mongoose';
import type { OutboxEntry } from '../documents/document-record.js';
import type { ClaimedMessage, OutboxStore } from './outbox-store.js';

interface StoredDocument {
  _id: string;
  outbox: OutboxEntry[];
}

/** The index that keeps claiming cheap: only documents with a PENDING entry are looked at. */
const PENDING_INDEX = { key: { 'outbox.state': 1 }, name: 'outbox_state' };

/**
 * OutboxStore on the `documents` collection. Claim and mark are update pipelines
 * that rewrite the matching entries of each document's outbox in one atomic step,
 * with the condition (lease expired, or still held by this claim) evaluated inside
 * it; a batch of documents is one updateMany, and only the read that feeds the
 * publisher carries message bodies.
 */
export class MongoOutboxStore implements OutboxStore {
  private constructor(private readonly documents: mongo.Collection<StoredDocument>) {}

  static async create(connection: Connection): Promise<MongoOutboxStore> {
    const documents = connection.getClient().db(connection.name).collection<StoredDocument>('documents');
    await documents.createIndex(PENDING_INDEX.key, { name: PENDING_INDEX.name });
    return new MongoOutboxStore(documents);
  }

  async claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    const candidates = await this.documents
      .find({ 'outbox.state': 'PENDING', outbox: { $elemMatch: { state: 'PENDING', leaseUntil: { $not: { $gt: now } } } } }, { projection: { _id: 1 }, limit })
      .toArray();
    if (candidates.length === 0) return [];
    const ids = candidates.map((doc) => doc._id);
    await this.documents.updateMany({ _id: { $in: ids } }, lease(owner, now, leaseUntil));
    const claimed = await this.documents.find({ _id: { $in: ids }, 'outbox.leaseOwner': owner }, { projection: { outbox: 1 } }).toArray();
    return claimed.flatMap((doc) => leasedBy(owner, doc));
  }

  async claimDocument(owner: string, documentId: string, now: Date, leaseUntil: Date): Promise<ClaimedMessage[]> {
    const doc = await this.documents.findOneAndUpdate({ _id: documentId, 'outbox.state': 'PENDING' }, lease(owner, now, leaseUntil), {
      returnDocument: 'after',
      projection: { outbox: 1 },
    });
    return doc ? leasedBy(owner, doc) : [];
  }

  async markSent(owner: string, sent: ClaimedMessage[], at: Date): Promise<void> {
    if (sent.length === 0) return;
    const ids = [...new Set(sent.map((message) => message.documentId))];
    const stillLeased = { $and: [{ $eq: ['$$e.leaseOwner', { $literal: owner }] }, { $in: ['$$e.messageId', { $literal: sent.map((m) => m.entry.messageId) }] }] };
    // The body goes once the broker holds the message: a long-lived document keeps the
    // record of what it published (ids, routing, times), not every payload again.
    await this.documents.updateMany({ _id: { $in: ids } }, rewriteEntries(stillLeased, { state: 'SENT', sentAt: at, body: '' }, { attempts: { $add: ['$$e.attempts', 1] } }));
  }

  async release(owner: string, { documentId, entry }: ClaimedMessage, retryAt: Date, error: string): Promise<void> {
    const stillLeased = { $and: [{ $eq: ['$$e.leaseOwner', { $literal: owner }] }, { $eq: ['$$e.messageId', { $literal: entry.messageId }] }] };
    await this.documents.updateOne(
      { _id: documentId },
      rewriteEntries(stillLeased, { leaseUntil: retryAt, leaseOwner: '', lastError: error.slice(0, 500) }, { attempts: { $add: ['$$e.attempts', 1] } }),
    );
  }
}

/** Leases the PENDING entries whose lease has expired (or that never had one) to `owner`. */
function lease(owner: string, now: Date, leaseUntil: Date) {
  const claimable = { $and: [{ $eq: ['$$e.state', 'PENDING'] }, { $not: [{ $gt: ['$$e.leaseUntil', now] }] }] };
  return rewriteEntries(claimable, { leaseOwner: owner, leaseUntil });
}

function leasedBy(owner: string, doc: StoredDocument): ClaimedMessage[] {
  return doc.outbox.filter((entry) => entry.state === 'PENDING' && entry.leaseOwner === owner).map((entry) => ({ documentId: String(doc._id), entry }));
}

/** An update pipeline merging `values` (and computed `expressions`) into the outbox entries matching `condition`. */
function rewriteEntries(condition: object, values: Record<string, unknown>, expressions: Record<string, unknown> = {}) {
  const literal = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { $literal: value }]));
  return [
    {
      $set: {
        outbox: {
          $map: { input: '$outbox', as: 'e', in: { $cond: [condition, { $mergeObjects: ['$$e', literal, expressions] }, '$$e'] } },
        },
      },
    },
  ];
}
