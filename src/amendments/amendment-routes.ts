import { Router, type RequestHandler } from 'express';
import { principalOf } from '../enterprises/enterprise-auth.js';
import { escapePointer } from '../catalog/schema-shape.js';
import { cutShort } from '../kernel/errors/cut-short.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import type { AmendmentService } from './amendment-service.js';

const MAX_ANSWER = 4000;

/** `POST /api/v1/documents/{id}/amendments`: the enterprise answers an agency's question. */
export function amendmentRoutes(amendments: AmendmentService, guards: RequestHandler[]): Router {
  const router = Router();
  router.post('/api/v1/documents/:id/amendments', ...guards, async (req, res) => {
    const { enterpriseId } = principalOf(res.locals);
    if (!req.is('application/json'))
      throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the amendment as application/json: {"answer": "...", "data": {...}}');
    const body = req.body as { answer?: unknown; data?: unknown } | undefined;
    const errors: { pointer: string; message: string }[] = [];
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      errors.push({ pointer: '', message: 'must be an object with answer and data' });
    else {
      if (typeof body.answer !== 'string' || body.answer.trim() === '' || body.answer.length > MAX_ANSWER) {
        errors.push({ pointer: '/answer', message: `must be text of 1 to ${MAX_ANSWER} characters` });
      }
      if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data))
        errors.push({ pointer: '/data', message: 'must be the complete corrected document data' });
      for (const key of Object.keys(body))
        if (key !== 'answer' && key !== 'data') errors.push({ pointer: `/${escapePointer(cutShort(key))}`, message: 'is not allowed' });
    }
    if (errors.length > 0) throw new DomainError('AMENDMENT.INVALID', 'The amendment is not valid', { details: { errors } });
    const { answer, data } = body as { answer: string; data: unknown };
    const outcome = await amendments.amend({ enterpriseId, documentId: String(req.params.id).slice(0, 128), data, answer });
    res
      .status(201)
      .location(`/api/v1/documents/${outcome.document.id}`)
      .json({ documentId: outcome.document.id, status: outcome.document.status, amendment: outcome.amendment, routedTo: outcome.routedTo });
  });
  return router;
}
