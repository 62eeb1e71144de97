import express, { type Express } from 'express';
import { DOCUMENT_TYPES, type DocumentType } from '../../src/kernel/document-record.js';
import { SIMULATOR_MODES, type PartnerSimulator, type SimulatorMode } from './partner-simulator.js';

/**
 * The simulator's control API for demos and manual tests (tests call the
 * simulator's functions directly):
 *   GET  /state                      mode, requests, documents received
 *   PUT  /mode {mode, slowMs?}        normal | down | slow | 5xx | bad-signature | negative-receipt | warning
 *   POST /documents {type, data, documentStatus?}   send a signed document to the single window
 *   POST /business-responses {conversationId, refToMessageId, documentType, outcome, reason?}
 */
export function controlApi(simulator: PartnerSimulator): Express {
  const app = express();
  app.use(express.json({ limit: '8mb' }));

  app.get('/state', (_req, res) => {
    res.json({
      country: simulator.country,
      profile: simulator.profile,
      gatewayUrl: simulator.url,
      mode: simulator.mode,
      requests: simulator.requests,
      received: simulator.received(),
    });
  });

  app.put('/mode', async (req, res) => {
    const { mode, slowMs } = (req.body ?? {}) as { mode?: string; slowMs?: number };
    if (!SIMULATOR_MODES.includes(mode as SimulatorMode)) {
      res.status(400).json({ error: `mode must be one of ${SIMULATOR_MODES.join(', ')}` });
      return;
    }
    await simulator.setMode(mode as SimulatorMode, typeof slowMs === 'number' ? slowMs : undefined);
    res.json({ mode: simulator.mode });
  });

  app.post('/documents', async (req, res) => {
    const { type, data, documentStatus } = (req.body ?? {}) as {
      type?: string;
      data?: Record<string, unknown>;
      documentStatus?: 'original' | 'replacement' | 'withdrawal';
    };
    if (!DOCUMENT_TYPES.includes(type as DocumentType) || typeof data !== 'object' || data === null) {
      res.status(400).json({ error: 'send {type, data} with a canonical document type' });
      return;
    }
    const result = await simulator.sendDocument({ type: type as DocumentType, data, ...(documentStatus ? { documentStatus } : {}) });
    res
      .status(result.status === 200 ? 200 : 502)
      .type('application/xml')
      .send(result.receiptXml);
  });

  app.post('/business-responses', async (req, res) => {
    const body = (req.body ?? {}) as {
      conversationId?: string;
      refToMessageId?: string;
      documentType?: string;
      outcome?: 'ACCEPTED' | 'REJECTED' | 'QUERY';
      reason?: string;
    };
    if (!body.conversationId || !body.refToMessageId || !body.documentType || !body.outcome) {
      res.status(400).json({ error: 'send {conversationId, refToMessageId, documentType, outcome}' });
      return;
    }
    const result = await simulator.sendBusinessResponse({
      ...body,
      conversationId: body.conversationId,
      refToMessageId: body.refToMessageId,
      documentType: body.documentType,
      outcome: body.outcome,
    });
    res
      .status(result.status === 200 ? 200 : 502)
      .type('application/xml')
      .send(result.receiptXml);
  });

  return app;
}
