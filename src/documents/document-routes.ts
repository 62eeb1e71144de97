import { Router, type RequestHandler } from 'express';
import { principalOf } from '../enterprises/enterprise-auth.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import type { DocumentXmlCodec } from '../xml/document-xml-codec.js';
import type { TradeDocument } from '../kernel/document-record.js';
import { acceptedRepresentation, documentPath, documentRepresentation, summaryRepresentation } from './document-representation.js';
import type { DocumentService } from './document-service.js';
import { answerIdempotently } from './idempotency/answer-idempotently.js';
import type { IdempotencyGuard } from './idempotency/idempotency-guard.js';
import { readIdempotencyKey } from './idempotency/idempotency-key.js';
import type { StoredResponse } from './idempotency/idempotency-store.js';
import { parseListQuery } from './list-query.js';
import { readSubmission } from './submission-request.js';
import { validationFailed } from '../kernel/validation-issue.js';
import type { ForeignXmlFormat } from '../kernel/foreign-xml-format.js';

export interface DocumentRouteParts {
  documents: DocumentService;
  codec: DocumentXmlCodec;
  idempotency: IdempotencyGuard;
  /** XML formats accepted beside the single window's own (the UN/CEFACT SPS certificate). */
  formats?: readonly ForeignXmlFormat[];
  /** requireEnterprise, then the per-key rate limit. */
  guards: RequestHandler[];
}

/** The enterprise-facing document API: submit, validate, read, list. */
export function documentRoutes({ documents, codec, idempotency, guards, formats = [] }: DocumentRouteParts): Router {
  const router = Router();

  router.post('/api/v1/documents/validate', ...guards, async (req, res) => {
    const submission = readSubmission(req, codec, formats);
    const result = await documents.check(submission.type, submission.data, submission.warnings ? 'json' : submission.sourceFormat);
    if (result.issues.length > 0) throw validationFailed(result.issues, result.truncated, submission.warnings);
    res.json({
      valid: true,
      type: submission.type,
      ...(submission.warnings ? { warnings: submission.warnings, data: submission.data } : {}),
    });
  });

  router.post('/api/v1/documents', ...guards, async (req, res) => {
    const { enterpriseId } = principalOf(res.locals);
    const key = readIdempotencyKey(req.get('idempotency-key'));
    const { fingerprint, warnings, ...submission } = readSubmission(req, codec, formats);
    const accepted = (document: TradeDocument): StoredResponse => ({
      status: 202,
      body: { ...acceptedRepresentation(document), ...(warnings ? { warnings } : {}) },
      location: documentPath(document.id),
    });
    await answerIdempotently(res, idempotency, { scope: enterpriseId, key, fingerprint }, async (token) => {
      if (token === undefined) return accepted(await documents.submit({ enterpriseId, ...submission }));
      const { document, replayed } = await documents.submitOnce({ enterpriseId, ...submission, idempotencyToken: token });
      return { ...accepted(document), replayed };
    });
  });

  router.get('/api/v1/documents/:id', ...guards, async (req, res) => {
    const { enterpriseId } = principalOf(res.locals);
    const document = await documents.get(enterpriseId, String(req.params.id));
    res.vary('Accept');
    const format = req.accepts(['application/json', 'application/xml', 'text/xml']);
    if (!format) throw new DomainError('REQUEST.NOT_ACCEPTABLE', 'This resource is available as application/json or application/xml');
    if (format === 'application/json') {
      res.json(documentRepresentation(document));
      return;
    }
    res.type(format).setHeader('X-Document-Reference', document.reference);
    res.send(codec.encode(document.type, document.data));
  });

  router.get('/api/v1/documents', ...guards, async (req, res) => {
    const { enterpriseId } = principalOf(res.locals);
    const query = parseListQuery(req.query as Record<string, unknown>);
    const page = await documents.list(enterpriseId, query.filter, {
      limit: query.limit,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    const next = page.nextCursor === undefined ? undefined : nextLink(req.query as Record<string, string>, page.nextCursor);
    res.json({
      items: page.items.map(summaryRepresentation),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      links: { ...(next ? { next } : {}) },
    });
  });

  return router;
}

function nextLink(query: Record<string, string>, cursor: string): string {
  const params = new URLSearchParams({ ...query, cursor });
  return `/api/v1/documents?${params.toString()}`;
}
