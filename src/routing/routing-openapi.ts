import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '../platform/project-root.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const slowBody = problem(
  'The body arrived slower than HTTP_MIN_BODY_BYTES_PER_SECOND (`REQUEST.BODY_TOO_SLOW`) or not within HTTP_REQUEST_TIMEOUT_MS (`REQUEST.TIMEOUT`); the connection is closed',
);
const malformedBody =
  'JSON nested deeper than JSON_MAX_DEPTH (`JSON.TOO_DEEP`), malformed JSON, or a body that is not what its Content-Encoding says (`REQUEST.MALFORMED_ENCODING`)';
const json = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const admin = [{ adminToken: [] }];
const code = {
  name: 'code',
  in: 'path',
  required: true,
  schema: { type: 'string', examples: ['MOH-DAV'] },
  description: 'Agency code from GET /api/v1/admin/agencies',
};
const AGENCY_KEY = 'A key acts only for its own agency (403 `AUTH.WRONG_AGENCY`).';
const agencyKey = [{ agencyApiKey: [] }];
const decisionSchema = JSON.parse(readFileSync(path.join(schemasDir, 'agencies', 'decision.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;
const { $schema: _dialect, $id: _id, ...decision } = decisionSchema;

const ROUTING_VIEW = {
  type: 'object',
  description: 'Where a document is with the agencies. `name` is given by the routing endpoints, not inline in the document.',
  properties: {
    ruleSetVersion: { type: 'string', examples: ['2026-11'] },
    plannedAt: { type: 'string', format: 'date-time' },
    overdue: { type: 'boolean', description: 'Some agency is past its due time' },
    permits: { type: 'array', items: { type: 'object', properties: { agency: { type: 'string' }, permitNumber: { type: 'string' } } } },
    agencies: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          agency: { type: 'string' },
          name: { type: 'string' },
          status: {
            enum: ['HELD', 'PENDING', 'ACKNOWLEDGED', 'NEEDS_INFO', 'APPROVED', 'REJECTED'],
            description: 'HELD: decides after the other agencies (customs)',
          },
          rules: { type: 'array', items: { type: 'string' }, description: 'Ids of the rules that routed the document here' },
          goodsItems: { type: 'array', items: { type: 'integer' }, description: 'Positions of the goods items this agency sees' },
          dispatchedAt: { type: 'string', format: 'date-time' },
          dueAt: { type: 'string', format: 'date-time' },
          overdue: { type: 'boolean' },
          permitNumber: { type: 'string' },
          decisions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                decision: { enum: ['ACKNOWLEDGED', 'APPROVED', 'REJECTED', 'NEEDS_INFO'] },
                permitNumber: { type: 'string' },
                reasons: { type: 'array', items: { type: 'string' } },
                question: { type: 'string' },
                decidedAt: { type: 'string', format: 'date-time' },
                receivedAt: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
      },
    },
  },
};
/** `null` for a document that has no routing plan. */
const routingView = { oneOf: [{ $ref: '#/components/schemas/RoutingView' }, { type: 'null' }] };

/** What the routing paths refer to: the routing view (also inline in GET /api/v1/documents/{id}) and the agencies' key. */
export const routingOpenApiComponents = {
  schemas: { RoutingView: ROUTING_VIEW },
  securitySchemes: {
    agencyApiKey: {
      type: 'http',
      scheme: 'bearer',
      description: 'An agency API key (`swa_...`), issued by an operator with POST /api/v1/admin/agencies/{code}/api-keys',
    },
  },
};

/** OpenAPI paths of the agency registry, routing rules, agency decisions and the routing view. */
export const routingOpenApiPaths: Record<string, unknown> = {
  '/api/v1/admin/agencies': {
    get: {
      tags: ['Agencies'],
      summary: 'The agency registry',
      security: admin,
      responses: { '200': json('Registry version and agencies'), '401': problem('Operator token missing or wrong') },
    },
  },
  '/api/v1/admin/agencies/{code}/api-keys': {
    post: {
      tags: ['Agencies'],
      summary: 'Issue an API key to an agency (shown once; only its hash is stored)',
      security: admin,
      parameters: [code],
      responses: {
        '201': json('The key', {
          type: 'object',
          properties: {
            keyId: { type: 'string' },
            agency: { type: 'string' },
            apiKey: { type: 'string' },
            createdAt: { type: 'string', format: 'date-time' },
          },
        }),
        '401': problem('Operator token missing or wrong'),
        '404': problem('No such agency (`AGENCY.NOT_FOUND`)'),
      },
    },
    get: {
      tags: ['Agencies'],
      summary: 'An agency’s keys (ids and dates, never the keys)',
      security: admin,
      parameters: [code],
      responses: { '200': json('Keys'), '404': problem('No such agency') },
    },
  },
  '/api/v1/admin/agencies/{code}/api-keys/{keyId}': {
    delete: {
      tags: ['Agencies'],
      summary: 'Revoke an agency key',
      security: admin,
      parameters: [code, { name: 'keyId', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '204': { description: 'Revoked (revoking twice is not an error)' },
        '404': problem('No such key (`API_KEY.NOT_FOUND`)'),
      },
    },
  },
  '/api/v1/admin/routing/rule-sets': {
    get: {
      tags: ['Routing'],
      summary: 'Versions of the routing rules and the one in force',
      security: admin,
      responses: { '200': json('Versions'), '401': problem('Operator token missing or wrong') },
    },
  },
  '/api/v1/admin/routing/rule-sets/{version}': {
    get: {
      tags: ['Routing'],
      summary: 'One version of the routing rules in full (`current` for the one in force)',
      security: admin,
      parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'string', examples: ['2026-11', 'current'] } }],
      responses: {
        '200': json('The rule set (schemas/routing/rule-set.schema.json)'),
        '404': problem('No such version (`ROUTING.RULE_SET_NOT_FOUND`)'),
      },
    },
  },
  '/api/v1/agencies/{code}/decisions': {
    post: {
      tags: ['Agencies'],
      summary: 'Send a decision over HTTP (the same use case as sw.decisions)',
      description: `${AGENCY_KEY} With \`Idempotency-Key\` (as on POST /api/v1/documents, remembered per agency for IDEMPOTENCY_TTL_HOURS): a retry of the same decision gets the first answer again (\`Idempotent-Replayed: true\`), another decision under the same key is 422 \`IDEMPOTENCY.KEY_REUSED\`, a retry while the first runs 409 \`IDEMPOTENCY.IN_FLIGHT\`. A decision already applied under its messageId answers 200 with \`duplicate: true\` and changes nothing.`,
      security: agencyKey,
      parameters: [
        code,
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', maxLength: 257 },
          description: 'Structured-field string, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324" (a bare token is accepted too)',
        },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: decision } } },
      responses: {
        '201': json('Applied', {
          type: 'object',
          properties: {
            documentId: { type: 'string' },
            agency: { type: 'string' },
            decision: { type: 'string' },
            messageId: { type: 'string' },
            duplicate: { type: 'boolean' },
            status: { type: 'string' },
          },
        }),
        '200': json('Applied before under the same messageId (`duplicate: true`)'),
        '400': problem(`${malformedBody}, or a malformed Idempotency-Key (\`IDEMPOTENCY.KEY_INVALID\`)`),
        '401': problem('Missing, unknown or revoked agency key'),
        '403': problem('The key belongs to another agency'),
        '404': problem('No such document'),
        '408': slowBody,
        '409': problem(
          'Not routed to this agency, not its turn yet (customs decides last), already decided, the document is final, or a request with this Idempotency-Key is still running (`IDEMPOTENCY.IN_FLIGHT`)',
        ),
        '413': problem('The body, decompressed, is larger than BODY_LIMIT_BYTES'),
        '415': problem('Not application/json, or a Content-Encoding other than gzip, deflate or br'),
        '422': problem(
          'The decision is invalid (`DECISION.INVALID`, with `errors[]`), or the Idempotency-Key was used for another decision (`IDEMPOTENCY.KEY_REUSED`)',
        ),
      },
    },
  },
  '/api/v1/agencies/{code}/documents/{id}': {
    get: {
      tags: ['Agencies'],
      summary: 'The routing of a document routed to this agency, with every agency’s decisions (the link agency messages carry)',
      description: AGENCY_KEY,
      security: agencyKey,
      parameters: [code, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': json('Status and routing', {
          type: 'object',
          properties: { id: { type: 'string' }, status: { type: 'string' }, routing: routingView },
        }),
        '404': problem('No such document routed to this agency'),
      },
    },
  },
  '/api/v1/documents/{id}/routing': {
    get: {
      tags: ['Documents'],
      summary: 'Where the document is: each agency’s status, due time, overdue flag and permit',
      security: [{ enterpriseApiKey: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': json('Status and routing', {
          type: 'object',
          properties: { id: { type: 'string' }, status: { type: 'string' }, routing: routingView },
        }),
        '401': problem('Missing, unknown or revoked API key'),
        '404': problem('No such document of this enterprise'),
      },
    },
  },
  '/api/v1/documents/{id}/amendments': {
    post: {
      tags: ['Documents'],
      summary: 'Answer an agency’s NEEDS_INFO with corrected data',
      description:
        'The data is validated like a submission and replaces the document’s data; the amendment is recorded and the document goes back (IN_REVIEW) to the agencies that asked, and to agencies the amended goods newly concern.',
      security: [{ enterpriseApiKey: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['answer', 'data'],
              properties: {
                answer: { type: 'string', minLength: 1, maxLength: 4000 },
                data: { type: 'object', description: 'The complete corrected document data' },
              },
            },
          },
        },
      },
      responses: {
        '201': json('Amended and re-routed'),
        '400': problem(malformedBody),
        '401': problem('Missing, unknown or revoked API key'),
        '408': slowBody,
        '413': problem('The body, decompressed, is larger than BODY_LIMIT_BYTES'),
        '415': problem('Not application/json, or a Content-Encoding other than gzip, deflate or br'),
        '404': problem('No such document of this enterprise'),
        '409': problem('The document is not waiting for information (`AMENDMENT.NOT_AWAITED`) or has too many amendments'),
        '422': {
          description: 'The amendment or its data is invalid',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ValidationProblem' } } },
        },
      },
    },
  },
};
