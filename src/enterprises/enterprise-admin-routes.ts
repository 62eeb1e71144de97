import { Router, type RequestHandler } from 'express';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { validationFailed } from '../kernel/validation-issue.js';
import { schemaIssues } from '../documents/validation/schema-errors.js';
import type { EnterpriseService } from './enterprise-service.js';

export const REGISTRATION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['taxId', 'name'],
  properties: {
    taxId: {
      type: 'string',
      pattern: '^[A-Z0-9][A-Z0-9-]{4,19}$',
      maxLength: 20,
      description: 'Tax code, e.g. 0301234567 or 0301234567-001 (branch)',
    },
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^\\S(?:.*\\S)?$',
      description: 'Registered name, without leading or trailing spaces',
    },
  },
} as const;

const validateRegistration = new Ajv2020({ allErrors: true, strict: true }).compile<{ taxId: string; name: string }>(REGISTRATION_SCHEMA);

/** Operator endpoints: register enterprises, issue and revoke their API keys. */
export function enterpriseAdminRoutes(enterprises: EnterpriseService, requireAdmin: RequestHandler, bodies: RequestHandler[]): Router {
  const router = Router();

  router.post('/api/v1/admin/enterprises', requireAdmin, ...bodies, async (req, res) => {
    if (!validateRegistration(req.body)) throw validationFailed(schemaIssues(validateRegistration.errors ?? []));
    const { enterprise, key } = await enterprises.register(req.body);
    res.status(201).location(`/api/v1/admin/enterprises/${enterprise.id}`).json({
      id: enterprise.id,
      taxId: enterprise.taxId,
      name: enterprise.name,
      createdAt: enterprise.createdAt.toISOString(),
      apiKey: key.apiKey,
      apiKeyId: key.keyId,
    });
  });

  router.post('/api/v1/admin/enterprises/:id/api-keys', requireAdmin, async (req, res) => {
    const key = await enterprises.issueKey(String(req.params.id));
    res.status(201).json({ keyId: key.keyId, apiKey: key.apiKey, createdAt: key.createdAt.toISOString() });
  });

  router.delete('/api/v1/admin/enterprises/:id/api-keys/:keyId', requireAdmin, async (req, res) => {
    await enterprises.revokeKey(String(req.params.id), String(req.params.keyId));
    res.status(204).end();
  });

  return router;
}
