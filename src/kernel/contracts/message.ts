/** A message to publish: the contract properties every message of the single window carries. */
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

/** Anything that publishes with a confirm: the service's broker, the SDK's connection. */
export interface Publisher {
  publish(message: OutgoingMessage): Promise<void>;
}
