import { componentName } from '../openapi/schema-components.js';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, type DocumentType } from '../kernel/document-record.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './list-query.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const invalid = {
  description: 'The document is not valid',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ValidationProblem' } } },
};
const component = (type: DocumentType) => `#/components/schemas/${componentName(type)}`;

const envelope = {
  oneOf: DOCUMENT_TYPES.map((type) => ({
    type: 'object',
    additionalProperties: false,
    required: ['type', 'data'],
    properties: { type: { const: type }, data: { $ref: component(type) } },
  })),
  discriminator: { propertyName: 'type' },
};
const anyDocumentXml = { oneOf: DOCUMENT_TYPES.map((type) => ({ $ref: component(type) })) };
const submissionBody = {
  required: true,
  description:
    'JSON `{"type", "data"}`, or an XML document whose root element is the type name in the namespace `urn:single-window:<type>:v1`. In XML, element names are the JSON member names, arrays are a wrapper element holding one item element per entry (named by `xml.name` in the schema), and attributes are not used. A phytosanitary certificate may also be sent as the UN/CEFACT SPSCertificate D17A an NPPO\'s ePhyto system writes (root `SPSCertificate` in `urn:un:unece:uncefact:data:standard:SPSCertificate:17`); what deviates from D17A without making it unreadable comes back as `warnings`.',
  content: { 'application/json': { schema: envelope }, 'application/xml': { schema: anyDocumentXml } },
};
/** What any route reading a body may answer before the document is looked at. */
const bodyProblems = {
  '408': problem(
    'The body arrived slower than HTTP_MIN_BODY_BYTES_PER_SECOND (`REQUEST.BODY_TOO_SLOW`) or not within HTTP_REQUEST_TIMEOUT_MS (`REQUEST.TIMEOUT`); the connection is closed',
  ),
  '413': problem('The body, decompressed, is larger than BODY_LIMIT_BYTES'),
  '415': problem(
    'Neither JSON nor XML, or a Content-Encoding other than gzip, deflate or br (`REQUEST.UNSUPPORTED_ENCODING`, with `Accept-Encoding`)',
  ),
};
const malformedBody =
  'JSON nested deeper than JSON_MAX_DEPTH (JSON.TOO_DEEP), a body that is not what its Content-Encoding says (REQUEST.MALFORMED_ENCODING), malformed JSON or XML (XML.MALFORMED with line and column, XML.DOCTYPE_FORBIDDEN, XML.TOO_DEEP, XML.TOO_MANY_ELEMENTS, XML.TOO_MANY_ATTRIBUTES, XML.NAME_TOO_LONG, XML.TEXT_TOO_LONG), unknown type';
const guardProblems = {
  '401': problem('Missing, unknown or revoked API key'),
  '429': problem('Too many requests with this API key (RateLimit and Retry-After headers tell when to retry)'),
};
const summary = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    reference: { type: 'string', examples: ['VNSW-2026-00000123'] },
    type: { enum: [...DOCUMENT_TYPES] },
    schemaVersion: { type: 'string' },
    status: { enum: [...DOCUMENT_STATUSES] },
    sourceFormat: { enum: ['json', 'xml'] },
    submittedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    links: { type: 'object', properties: { self: { type: 'string' } } },
  },
};
const security = [{ enterpriseApiKey: [] }];

/** OpenAPI paths of the document API. */
export const documentOpenApiPaths: Record<string, unknown> = {
  '/api/v1/documents': {
    post: {
      tags: ['Documents'],
      summary: 'Submit a trade document',
      description:
        'Validates (schema, then business rules), stores the document with its routing plan and answers 202 once it is stored. With `Idempotency-Key`, a retry of the same request gets the original answer (header `Idempotent-Replayed: true`).',
      security,
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', maxLength: 257 },
          description:
            'Structured-field string, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324"; remembered per enterprise for IDEMPOTENCY_TTL_HOURS',
        },
      ],
      requestBody: submissionBody,
      responses: {
        '202': {
          description: 'Stored; routing has started',
          headers: { Location: { schema: { type: 'string' } } },
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  id: summary.properties.id,
                  reference: summary.properties.reference,
                  type: summary.properties.type,
                  status: summary.properties.status,
                  submittedAt: summary.properties.submittedAt,
                  links: summary.properties.links,
                },
              },
            },
          },
        },
        '400': problem(`${malformedBody}; a malformed Idempotency-Key (IDEMPOTENCY.KEY_INVALID)`),
        '409': problem('IDEMPOTENCY.IN_FLIGHT: a request with this key is still running'),
        ...bodyProblems,
        '422': { ...invalid, description: 'The document is not valid, or IDEMPOTENCY.KEY_REUSED: the key was used for another request' },
        ...guardProblems,
      },
    },
    get: {
      tags: ['Documents'],
      summary: "List the enterprise's own documents, newest first",
      security,
      parameters: [
        { name: 'type', in: 'query', schema: { enum: [...DOCUMENT_TYPES] } },
        { name: 'status', in: 'query', schema: { enum: [...DOCUMENT_STATUSES] } },
        {
          name: 'submittedFrom',
          in: 'query',
          schema: { type: 'string', format: 'date-time' },
          description: 'Inclusive; a date means its start in UTC',
        },
        { name: 'submittedTo', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'Exclusive' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE } },
        { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'The nextCursor of the previous page' },
      ],
      responses: {
        '200': {
          description: 'One page',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  items: { type: 'array', items: summary },
                  nextCursor: { type: 'string' },
                  links: { type: 'object', properties: { next: { type: 'string' } } },
                },
              },
            },
          },
        },
        '400': problem('Unknown or invalid query parameter, or a cursor this service did not return'),
        ...guardProblems,
      },
    },
  },
  '/api/v1/documents/validate': {
    post: {
      tags: ['Documents'],
      summary: 'Run every check of a submission without storing anything',
      security,
      requestBody: submissionBody,
      responses: {
        '200': {
          description: 'Valid',
          content: {
            'application/json': { schema: { type: 'object', properties: { valid: { const: true }, type: summary.properties.type } } },
          },
        },
        '422': invalid,
        '400': problem(malformedBody),
        ...bodyProblems,
        ...guardProblems,
      },
    },
  },
  '/api/v1/documents/{id}': {
    get: {
      tags: ['Documents'],
      summary: "Read one of the enterprise's documents",
      description:
        "JSON: the document with its history, its routing (as GET /api/v1/documents/{id}/routing shows it) and `data` exactly as submitted. `Accept: application/xml`: the XML encoding of `data`. Another enterprise's document answers 404 like a missing one.",
      security,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: {
        '200': {
          description: 'The document',
          content: {
            'application/json': {
              schema: {
                allOf: [
                  summary,
                  {
                    type: 'object',
                    properties: {
                      origin: { type: 'object' },
                      history: { type: 'array', items: { type: 'object' } },
                      routing: { oneOf: [{ $ref: '#/components/schemas/RoutingView' }, { type: 'null' }] },
                      data: anyDocumentXml,
                    },
                  },
                ],
              },
            },
            'application/xml': { schema: anyDocumentXml },
          },
        },
        '404': problem('DOCUMENT.NOT_FOUND'),
        '406': problem('Neither JSON nor XML is acceptable to the client'),
        ...guardProblems,
      },
    },
  },
};
