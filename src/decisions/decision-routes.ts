import { randomUUID } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { agencyOf, requireAgency } from '../agencies/agency-auth.js';
import type { AgencyKeyService } from '../agencies/agency-key-service.js';
import type { AgencyRegistry } from '../agencies/agency-registry.js';
import type { LifecycleStore } from '../lifecycle/lifecycle-store.js';
import { answerIdempotently } from '../documents/idempotency/answer-idempotently.js';
import type { IdempotencyGuard } from '../documents/idempotency/idempotency-guard.js';
import { readIdempotencyKey } from '../documents/idempotency/idempotency-key.js';
import { DomainError, notFound } from '../kernel/errors/domain-error.js';
import { routingOf } from '../kernel/routing-plan.js';
import { routingView } from '../routing/routing-view.js';
import type { DecisionService } from './decision-service.js';
import { parseDecision } from './decision-validator.js';

/**
 * Agencies without an AMQP connector decide over HTTP, through the same use case
 * as the consumer. `Idempotency-Key` follows the rule of every endpoint taking it
 * (answerIdempotently: a retry gets the first answer, another decision under the
 * same key is 422), and with the agency's code becomes the decision's messageId, so
 * a decision is applied once even after its key has expired.
 */
export function decisionRoutes(
  decisions: DecisionService,
  keys: AgencyKeyService,
  documents: LifecycleStore,
  registry: AgencyRegistry,
  bodies: RequestHandler[],
  idempotency: IdempotencyGuard,
): Router {
  const router = Router();
  const agencyAuth = requireAgency(keys);

  router.post('/api/v1/agencies/:code/decisions', agencyAuth, ...bodies, async (req, res) => {
    const { agency } = agencyOf(res.locals);
    if (!req.is('application/json')) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the decision as application/json');
    const key = readIdempotencyKey(req.get('idempotency-key'));
    const message = parseDecision(req.body);
    if (message.agency !== agency)
      throw new DomainError('DECISION.AGENCY_MISMATCH', `The decision names ${message.agency} but is sent by ${agency}`);
    const fingerprint = () => `decision\n${JSON.stringify(req.body)}`;
    await answerIdempotently(res, idempotency, { scope: `agency:${agency}`, key, fingerprint }, async () => {
      // Keys are the agency's own, so the messageId names the agency: two agencies' keys never collide.
      const result = await decisions.applyDecision({
        messageId: key === undefined ? randomUUID() : `http:${agency}:${key}`,
        channel: 'http',
        message,
      });
      return { status: result.duplicate ? 200 : 201, body: result };
    });
  });

  // The link agencies' messages carry: the document's routing and every agency's decisions so far.
  router.get('/api/v1/agencies/:code/documents/:id', agencyAuth, async (req, res) => {
    const { agency } = agencyOf(res.locals);
    const document = await documents.get(String(req.params.id).slice(0, 128));
    if (!document || !routingOf(document)?.agencies.some((a) => a.agency === agency)) throw notFound('The document', 'DOCUMENT.NOT_FOUND');
    res.json({
      id: document.id,
      reference: document.reference,
      type: document.type,
      status: document.status,
      routing: routingView(document, new Date(), registry),
    });
  });

  return router;
}
