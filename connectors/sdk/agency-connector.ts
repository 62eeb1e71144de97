import { createHash } from 'node:crypto';
import type { ConsumeMessage } from 'amqplib';
import { agencyQueue, EXCHANGES } from '../../src/kernel/contracts/amqp-names.js';
import type { DecisionKind, DecisionMessage } from '../../src/kernel/contracts/decision-message.js';
import { declareRetryQueue } from '../../src/kernel/contracts/queue-topology.js';
import { deadLetter, retryLater } from '../../src/kernel/contracts/redelivery.js';
import { decodeWorkItem, UndecodableWorkError, type AgencyWorkItem, type XmlDecoder } from './agency-work-item.js';
import { SdkConnection } from './sdk-connection.js';
import { jsonLineLogger, type SdkLogger } from './sdk-logger.js';

/** What the agency decides; the SDK adds documentId, agency, decidedAt and a messageId. */
export interface DecisionReply {
  decision: DecisionKind;
  permitNumber?: string;
  reasons?: string[];
  question?: string;
}

/** Thrown by a handler for work it can never decide (retrying would not help): dead-lettered at once. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

export interface AgencyConnectorOptions {
  amqpUrl: string;
  agency: string;
  /** Decides one document: one reply, or several in order (e.g. ACKNOWLEDGED, then APPROVED). */
  handler: (work: AgencyWorkItem) => Promise<DecisionReply | DecisionReply[]>;
  /** Turns XML payloads into the document's JSON; without it an XML work item carries only `xml`. */
  decodeXml?: XmlDecoder;
  /** Documents handled at once (default 8). */
  prefetch?: number;
  /** Delays between retries of a failing handler (default 1 s, 10 s, 60 s), then the dead-letter queue. */
  retry?: { delaysMs: number[] };
  logger?: SdkLogger;
  publishTimeoutMs?: number;
}

export interface AgencyConnector {
  readonly agency: string;
  stop(): Promise<void>;
}

/**
 * A ministry connector: consumes `sw.agency.<CODE>`, hands each decoded document
 * to the handler, publishes the decision to `sw.decisions` (confirmed) and only
 * then acks. A handler error is retried through the TTL retry queues with an
 * `x-attempt` count and dead-lettered when retries run out; a PermanentError or an
 * undecodable message goes straight to `sw.agency.<CODE>.dlq` with the reason.
 * Decision messageIds derive from the work's messageId, so a redelivered document
 * (e.g. after a crash before the ack) yields the same ids and is applied once.
 */
export async function createAgencyConnector(options: AgencyConnectorOptions): Promise<AgencyConnector> {
  const logger = options.logger ?? jsonLineLogger({ agency: options.agency });
  const queue = agencyQueue(options.agency);
  const delaysMs = options.retry?.delaysMs ?? [1000, 10_000, 60_000];
  let connection: SdkConnection | undefined;

  const handle = async (message: ConsumeMessage): Promise<void> => {
    const broker = connection!;
    let work: AgencyWorkItem;
    try {
      work = decodeWorkItem(message, options.decodeXml);
    } catch (error) {
      logger.warn('undecodable work dead-lettered', {
        agency: options.agency,
        messageId: message.properties.messageId,
        reason: (error as Error).message,
      });
      await deadLetter(broker, queue, message, 'CONNECTOR.UNDECODABLE', (error as Error).message);
      return;
    }
    const about = { agency: options.agency, documentId: work.documentId, reference: work.reference, messageId: work.messageId };
    logger.info('work received', { ...about, type: work.type, dispatch: work.dispatch, attempt: work.attempt });
    try {
      const replies = [await options.handler(work)].flat();
      for (const [i, reply] of replies.entries()) {
        await broker.publish(decisionMessage(options.agency, work, reply, i));
        logger.info('decision sent', {
          ...about,
          decision: reply.decision,
          ...(reply.permitNumber ? { permitNumber: reply.permitNumber } : {}),
        });
      }
    } catch (error) {
      if (error instanceof PermanentError || error instanceof UndecodableWorkError) {
        logger.warn('work dead-lettered', { ...about, reason: error.message });
        await deadLetter(broker, queue, message, 'CONNECTOR.PERMANENT_ERROR', error.message);
        return;
      }
      const outcome = await retryLater(broker, queue, message, delaysMs, error as Error);
      logger.warn('work not decided; retrying later', { ...about, attempt: work.attempt + 1, outcome, reason: (error as Error).message });
    }
  };

  try {
    connection = await SdkConnection.open({
      url: options.amqpUrl,
      logger,
      publishTimeoutMs: options.publishTimeoutMs ?? 10_000,
      queue,
      prefetch: options.prefetch ?? 8,
      handle,
      setup: async (channel) => {
        for (const delay of new Set(delaysMs)) await declareRetryQueue(channel, delay);
        await channel.checkQueue(queue);
      },
    });
  } catch (error) {
    const missing = /NOT[-_]FOUND/.test((error as Error).message);
    throw new Error(
      missing
        ? `Queue ${queue} does not exist on this broker: start the single window first (it declares the topology), or check AMQP_URL`
        : (error as Error).message,
      { cause: error },
    );
  }
  const opened = connection;
  return { agency: options.agency, stop: () => opened.close() };
}

function decisionMessage(agency: string, work: AgencyWorkItem, reply: DecisionReply, index: number) {
  const body: DecisionMessage = {
    documentId: work.documentId,
    agency,
    decision: reply.decision,
    ...(reply.permitNumber ? { permitNumber: reply.permitNumber } : {}),
    ...(reply.reasons ? { reasons: reply.reasons } : {}),
    ...(reply.question ? { question: reply.question } : {}),
    decidedAt: new Date().toISOString(),
  };
  return {
    exchange: EXCHANGES.decisions,
    routingKey: agency,
    body: Buffer.from(JSON.stringify(body)),
    messageId: derivedId(`${agency}:${work.messageId}:${index}`),
    correlationId: work.documentId,
    type: 'agency.decision',
    contentType: 'application/json',
  };
}

/** A UUID-shaped id derived from the work message, stable across redeliveries. */
function derivedId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
