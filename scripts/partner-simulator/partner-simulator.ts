import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readEnvelope } from '../../src/partners/messages/envelope-reader.js';
import { parsePartnerXml } from '../../src/partners/messages/partner-xml.js';
import { PartnerMessageError } from '../../src/partners/messages/partner-message-error.js';
import { REFUSAL_STATUS } from '../../src/partners/inbound/inbound-outcome.js';
import { PartnerSchemas } from '../../src/partners/partner-schemas.js';
import { ProfileRegistry } from '../../src/partners/profiles/profile-registry.js';
import { digestOf, issueReceipt, type ReceiptFacts } from '../../src/partners/messages/receipt-issuer.js';
import { createSelfSignedIdentity, type SigningIdentity } from '../../src/partners/signing/self-signed-certificate.js';
import { SignatureError, verifyDocument } from '../../src/partners/signing/xml-signature.js';
import { SimulatorOutbox, type SimulatorSendOptions, type BusinessResponseOptions, type SendResult } from './simulator-outbox.js';

export const SIMULATOR_MODES = ['normal', 'down', 'slow', '5xx', 'bad-signature', 'negative-receipt', 'warning'] as const;
export type SimulatorMode = (typeof SIMULATOR_MODES)[number];

export interface PartnerSimulatorOptions {
  country: string;
  profile: string;
  port?: number;
  identity?: SigningIdentity;
  mode?: SimulatorMode;
  /** How long `slow` holds each answer. */
  slowMs?: number;
  singleWindow: { country: string; url?: string; certificatePem?: string };
  /** Answer every accepted document with this business response, after `autoRespondDelayMs`. */
  autoRespond?: 'ACCEPTED' | 'REJECTED' | 'QUERY';
  autoRespondDelayMs?: number;
}

export interface ReceivedDocument {
  messageId: string;
  conversationId: string;
  documentType: string;
  data: Record<string, unknown>;
  /** How many times this message id arrived (duplicates get the first receipt again). */
  deliveries: number;
  receipt: string;
}

const LIMITS = { maxDepth: 64, maxElements: 200_000 };

/**
 * A foreign single window's gateway on loopback: receives messages, verifies
 * them against the single window's certificate, answers signed receipts (and,
 * if asked, business responses), sends inbound messages, and can be switched at
 * run time to be down, slow, answer 5xx, sign badly or refuse.
 */
export async function startPartnerSimulator(options: PartnerSimulatorOptions) {
  const identity =
    options.identity ??
    createSelfSignedIdentity({
      country: options.country,
      organisation: `${options.country} single window (simulated)`,
      commonName: `${options.country} gateway simulator`,
    });
  const profiles = ProfileRegistry.standard();
  const schemas = new PartnerSchemas(profiles);
  const state = {
    mode: options.mode ?? 'normal',
    slowMs: options.slowMs ?? 2000,
    singleWindowCertificate: options.singleWindow.certificatePem,
    requests: 0,
  };
  const received = new Map<string, ReceivedDocument>();
  // Made up front: generating a key inside a request would make `bad-signature` look like `slow`.
  const rogue = createSelfSignedIdentity({ country: options.country, organisation: 'Rogue', commonName: 'not the registered key' });
  const outbox = new SimulatorOutbox(options.country, options.profile, options.singleWindow, identity, profiles);

  const receiptFor = (facts: Omit<ReceiptFacts, 'from' | 'to'>): string =>
    issueReceipt({ ...facts, from: options.country, to: options.singleWindow.country }, state.mode === 'bad-signature' ? rogue : identity)
      .xml;
  const answer = (res: ServerResponse, status: number, xml: string) =>
    void res.writeHead(status, { 'content-type': 'application/xml' }).end(xml);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    state.requests += 1;
    const body = await readBody(req);
    if (state.mode === '5xx') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('gateway maintenance');
    if (state.mode === 'slow') await sleep(state.slowMs);
    const receivedDigest = digestOf(body);
    try {
      parsePartnerXml(body, LIMITS);
      if (!state.singleWindowCertificate)
        throw new PartnerMessageError('UNKNOWN_PARTNER', 'the single window certificate is not registered here');
      const verified = verifySigned(body, state.singleWindowCertificate);
      const { header, payload } = readEnvelope(verified, schemas, LIMITS);
      if (header.to !== options.country) throw new PartnerMessageError('WRONG_RECIPIENT', `addressed to ${header.to}`);
      const seen = received.get(header.messageId);
      if (seen) {
        seen.deliveries += 1;
        return answer(res, 200, seen.receipt);
      }
      if (state.mode === 'negative-receipt') {
        const reason = { code: 'INVALID_MESSAGE', text: 'the consignee is not registered with the importing customs administration' };
        return answer(res, 422, receiptFor({ refToMessageId: header.messageId, receivedDigest, deliveryStatus: 'FailedDelivery', reason }));
      }
      const codec = profiles.codec(options.profile, header.documentType);
      if (!codec)
        throw new PartnerMessageError('UNSUPPORTED_DOCUMENT_TYPE', `${header.documentType} is not exchanged in profile ${options.profile}`);
      const warnings = state.mode === 'warning' ? ['the consignee address could not be matched; accepted for manual review'] : [];
      const receipt = receiptFor({
        refToMessageId: header.messageId,
        receivedDigest,
        deliveryStatus: warnings.length ? 'DeliveredWithWarnings' : 'Delivered',
        warnings,
      });
      // Stored before answering, as a real gateway must.
      received.set(header.messageId, {
        messageId: header.messageId,
        conversationId: header.conversationId,
        documentType: header.documentType,
        data: codec.decode(payload),
        deliveries: 1,
        receipt,
      });
      answer(res, 200, receipt);
      if (options.autoRespond) {
        const response = {
          conversationId: header.conversationId,
          refToMessageId: header.messageId,
          documentType: header.documentType,
          outcome: options.autoRespond,
        };
        setTimeout(() => void outbox.sendBusinessResponse(response).catch(() => undefined), options.autoRespondDelayMs ?? 200).unref();
      }
    } catch (error) {
      if (!(error instanceof PartnerMessageError)) throw error;
      answer(
        res,
        REFUSAL_STATUS[error.reason],
        receiptFor({ receivedDigest, deliveryStatus: 'FailedDelivery', reason: { code: error.reason, text: error.message } }),
      );
    }
  };

  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = async (port: number) => {
    server = createServer((req, res) => {
      handle(req, res).catch((error: Error) => res.headersSent || res.writeHead(500).end(error.message));
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  };
  const close = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  const port = await listen(options.port ?? 0);
  if (state.mode === 'down') await close();

  return {
    country: options.country,
    profile: options.profile,
    identity,
    /** Where the single window should POST (the partner's gatewayUrl). */
    url: `http://127.0.0.1:${port}/messages`,
    get mode(): SimulatorMode {
      return state.mode;
    },
    /** All requests that reached the gateway, refused, failed and duplicate ones included. */
    get requests(): number {
      return state.requests;
    },
    async setMode(mode: SimulatorMode, slowMs?: number): Promise<void> {
      if (slowMs !== undefined) state.slowMs = slowMs;
      const wasDown = state.mode === 'down';
      state.mode = mode;
      if (mode === 'down' && !wasDown) await close();
      if (mode !== 'down' && wasDown) await listen(port);
    },
    setSingleWindowCertificate(pem: string): void {
      state.singleWindowCertificate = pem;
    },
    received(): ReceivedDocument[] {
      return [...received.values()];
    },
    sendDocument: (document: SimulatorSendOptions): Promise<SendResult> => outbox.sendDocument(document),
    sendBusinessResponse: (response: BusinessResponseOptions): Promise<SendResult> => outbox.sendBusinessResponse(response),
    buildDocumentMessage: (document: SimulatorSendOptions) => outbox.buildDocument(document),
    post: (xml: string) => outbox.post(xml),
    close,
  };
}

export type PartnerSimulator = Awaited<ReturnType<typeof startPartnerSimulator>>;

function verifySigned(body: string, certificatePem: string): string {
  try {
    return verifyDocument(body, certificatePem);
  } catch (error) {
    if (error instanceof SignatureError) throw new PartnerMessageError(error.reason, error.message);
    throw error;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
