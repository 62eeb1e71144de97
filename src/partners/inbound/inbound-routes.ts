import { Router, type RequestHandler } from 'express';
import { DomainError } from '../../kernel/errors/domain-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import { enrichContext } from '../../platform/logging/request-context.js';
import type { InboundProcessor } from './inbound-processor.js';
import type { InboundService } from './inbound-service.js';

const COUNTRY = /^[A-Z]{2}$/;
const XML_TYPES = ['application/xml', 'text/xml', 'application/*+xml'];

export interface InboundCounter {
  inc(labels: { partner: string; result: string; reason: string }): void;
}

/**
 * Partners' gateways post signed XML here and always get a signed receipt back
 * (positive 200, negative with a 4xx naming the reason); only requests that are
 * not partner messages at all (wrong media type, bad path) get problem+json.
 */
export function inboundRoutes(
  inbound: InboundService,
  processor: InboundProcessor,
  certificatePem: string,
  counter: InboundCounter,
  /** The per-partner rate limit, then the body parsers: partners are known by the signature inside the message. */
  guards: RequestHandler[],
  logger: Logger,
): Router {
  const router = Router();

  router.get('/api/v1/partners/signing-certificate', (_req, res) => {
    res.type('application/x-pem-file').send(certificatePem);
  });

  router.post('/api/v1/partners/:country/messages', ...guards, async (req, res) => {
    const country = String(req.params.country);
    if (!COUNTRY.test(country))
      throw new DomainError('PARTNER.INVALID_COUNTRY', 'The country must be an ISO 3166 alpha-2 code in capitals, e.g. TH');
    if (!req.is(XML_TYPES) || typeof req.body !== 'string') {
      throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'A partner message is XML: send it as application/xml');
    }
    enrichContext({ partner: country });
    const outcome = await inbound.receive(country, req.body);
    counter.inc({ partner: country, result: outcome.result, reason: outcome.reason ?? '' });
    res.status(outcome.status).type('application/xml').send(outcome.receiptXml);
    if (outcome.storedId) {
      const id = outcome.storedId;
      // After the answer: the receipt only promises the message is stored.
      setImmediate(() => {
        processor
          .processOne(id)
          .catch((error: Error) => logger.warn('inbound partner message left for the sweep', { reason: error.message }));
      });
    }
  });

  return router;
}
