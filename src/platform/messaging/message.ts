/** A message to publish: the contract properties every message of the service carries. */
export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  body: Buffer;
  messageId: string;
  correlationId?: string;
  type?: string;
  contentType?: string;
  headers?: Record<string, unknown>;
  timestamp?: Date;
  expiration?: string;
}
