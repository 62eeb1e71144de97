/** Lookups of documents by partner-exchange keys, which the lifecycle's store does not offer. */
export interface PartnerDocumentFinder {
  /** The id of the document holding the outbound exchange with this conversation id. */
  byConversation(country: string, conversationId: string): Promise<string | undefined>;
  /** The id of the document created from an inbound partner message. */
  byInboundMessage(country: string, messageId: string): Promise<string | undefined>;
}
