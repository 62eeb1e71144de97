import { REGISTRATION_SCHEMA } from './enterprise-admin-routes.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const security = [{ adminToken: [] }];
const issuedKey = { apiKey: { type: 'string', description: 'Shown once; only its SHA-256 is stored', examples: ['swk_q3X...'] } };

/** OpenAPI paths of the operator endpoints for enterprises and API keys. */
export const enterpriseOpenApiPaths: Record<string, unknown> = {
  '/api/v1/admin/enterprises': {
    post: {
      tags: ['Administration'],
      summary: 'Register an enterprise and issue its first API key',
      security,
      requestBody: { required: true, content: { 'application/json': { schema: REGISTRATION_SCHEMA } } },
      responses: {
        '201': {
          description: 'Registered',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  taxId: { type: 'string' },
                  name: { type: 'string' },
                  createdAt: { type: 'string', format: 'date-time' },
                  apiKeyId: { type: 'string' },
                  ...issuedKey,
                },
              },
            },
          },
        },
        '401': problem('Missing or wrong operator token'),
        '409': problem('ENTERPRISE.TAX_ID_TAKEN'),
        '422': {
          description: 'Invalid body',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ValidationProblem' } } },
        },
      },
    },
  },
  '/api/v1/admin/enterprises/{id}/api-keys': {
    post: {
      tags: ['Administration'],
      summary: 'Issue another API key (e.g. to rotate keys)',
      security,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '201': {
          description: 'Issued',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { keyId: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, ...issuedKey },
              },
            },
          },
        },
        '401': problem('Missing or wrong operator token'),
        '404': problem('ENTERPRISE.NOT_FOUND'),
      },
    },
  },
  '/api/v1/admin/enterprises/{id}/api-keys/{keyId}': {
    delete: {
      tags: ['Administration'],
      summary: 'Revoke an API key; it stops working at once',
      security,
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'keyId', in: 'path', required: true, schema: { type: 'string' } },
      ],
      responses: {
        '204': { description: 'Revoked (revoking twice is not an error)' },
        '401': problem('Missing or wrong operator token'),
        '404': problem('API_KEY.NOT_FOUND'),
      },
    },
  },
};
