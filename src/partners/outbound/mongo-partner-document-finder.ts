import type { Connection, mongo } from 'mongoose';
import type { PartnerDocumentFinder } from './partner-document-finder.js';

/** Reads the intake's `documents` collection (ids are `_id`), with the indexes these lookups need. */
export class MongoPartnerDocumentFinder implements PartnerDocumentFinder {
  private readonly documents: mongo.Collection<{ _id: string }>;

  constructor(connection: Connection) {
    this.documents = connection.getClient().db(connection.name).collection<{ _id: string }>('documents');
  }

  async init(): Promise<void> {
    await this.documents.createIndex({ 'partnerExchanges.conversationId': 1 }, { sparse: true, name: 'partner_exchange_conversation' });
    await this.documents.createIndex(
      { 'origin.partnerCountry': 1, 'origin.partnerMessageId': 1 },
      { sparse: true, name: 'partner_inbound_message' },
    );
  }

  async byConversation(country: string, conversationId: string): Promise<string | undefined> {
    const row = await this.documents.findOne({ partnerExchanges: { $elemMatch: { conversationId, country } } }, { projection: { _id: 1 } });
    return row?._id;
  }

  async byInboundMessage(country: string, messageId: string): Promise<string | undefined> {
    const row = await this.documents.findOne(
      { 'origin.channel': 'partner', 'origin.partnerCountry': country, 'origin.partnerMessageId': messageId },
      { projection: { _id: 1 } },
    );
    return row?._id;
  }
}
