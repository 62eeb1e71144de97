import { Router, type RequestHandler } from 'express';
import type { DocumentService } from '../documents/document-service.js';
import { principalOf } from '../enterprises/enterprise-auth.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import type { SpsCertificateWriter } from './sps-certificate-writer.js';

/** GET /api/v1/documents/{id}/ephyto: an enterprise's phytosanitary certificate as the SPSCertificate an NPPO exchanges. */
export function ephytoRoutes(documents: DocumentService, writer: SpsCertificateWriter, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/api/v1/documents/:id/ephyto', ...guards, async (req, res) => {
    const { enterpriseId } = principalOf(res.locals);
    const document = await documents.get(enterpriseId, String(req.params.id));
    if (document.type !== 'phytosanitary-certificate') {
      throw new DomainError(
        'EPHYTO.NOT_PHYTOSANITARY',
        `Document ${document.reference} is a ${document.type}; only phytosanitary certificates have an ePhyto form`,
      );
    }
    res.type('application/xml').setHeader('X-Document-Reference', document.reference);
    res.send(writer.write(document.data));
  });
  return router;
}
