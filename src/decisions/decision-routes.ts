import { randomUUID } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { agencyOf, requireAgency } from '../agencies/agency-auth.js';
import type { AgencyKeyService } from '../agencies/agency-key-service.js';
import type { AgencyRegistry } from '../agencies/agency-registry.js';
import type { LifecycleStore } from '../lifecycle/lifecycle-store.js';
import { DomainError, notFound } from '../kernel/errors/domain-error.js';
import { routingOf } from '../kernel/routing-plan.js';
import { routingView } from '../routing/routing-view.js';
import type { DecisionService } from './decision-service.js';
import { parseDecision } from './decision-validator.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Agencies without an AMQP connector decide over HTTP, through the same use case
 * as the consumer. `Idempotency-Key` becomes the decision's messageId, so a retried
 * request is applied once.
 */
export function decisionRoutes(decisions: DecisionService, keys: AgencyKeyService, documents: LifecycleStore, registry: AgencyRegistry, bodies: RequestHandler[]): Router {
  const router = Router();
  const agencyAuth = requireAgency(keys);

  router.post('/api/v1/agencies/:code/decisions', agencyAuth, ...bodies, async (req, res) => {
    const { agency } = agencyOf(res.locals);
    if (!req.is('application/json')) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the decision as application/json');
    const key = req.get('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError('IDEMPOTENCY.KEY_INVALID', 'Idempotency-Key must be 1 to 128 letters, digits or . _ : -');
    }
    const message = parseDecision(req.body);
    if (message.agency !== agency) throw new DomainError('DECISION.AGENCY_MISMATCH', `The decision names ${message.agency} but is sent by ${agency}`);
    const result = await decisions.applyDecision({ messageId: key ?? randomUUID(), channel: 'http', message });
    res.status(result.duplicate ? 200 : 201).json(result);
  });

  // The link agencies' messages carry: the document's routing and every agency's decisions so far.
  router.get('/api/v1/agencies/:code/documents/:id', agencyAuth, async (req, res) => {
    const { agency } = agencyOf(res.locals);
    const document = await documents.get(String(req.params.id).slice(0, 128));
    if (!document || !routingOf(document)?.agencies.some((a) => a.agency === agency)) throw notFound('The document', 'DOCUMENT.NOT_FOUND');
    res.json({ id: document.id, reference: document.reference, type: document.type, status: document.status, routing: routingView(document, new Date(), registry) });
  });

  return router;
}
