import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemaComponents } from '../openapi/schema-components.js';
import { schemasDir } from '../platform/project-root.js';

const directorySchema = JSON.parse(readFileSync(path.join(schemasDir, 'partners', 'partner-directory.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;
const partner = { $ref: '#/components/schemas/PartnerDirectory.partner' };

const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { type: 'object' } } } };
const receipt = (description: string) => ({
  description,
  content: { 'application/xml': { schema: { type: 'string', description: 'Signed Receipt (schemas/partners/receipt.schema.json)' } } },
});
const country = {
  name: 'country',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Z]{2}$' },
  description: 'ISO 3166 alpha-2 code of the partner',
};
const admin = [{ adminToken: [] }];

/** OpenAPI 3.1 paths of the partner exchange (see docs/partners.md). */
export const partnersOpenApi: Record<string, unknown> = {
  '/api/v1/partners/{country}/messages': {
    post: {
      tags: ['partners'],
      summary: 'Inbound partner message',
      description:
        'A partner single window posts a signed PartnerMessage envelope (XML-DSig enveloped, RSA-SHA256, exclusive c14n). The answer is always a signed Receipt carrying the message id and the SHA-256 digest of the body: 200 Delivered (or DeliveredWithWarnings) once the message is verified and stored, the same receipt again for a duplicate message id, or FailedDelivery with Reason/@code MALFORMED, UNSIGNED, BAD_SIGNATURE, UNKNOWN_PARTNER, WRONG_SENDER, WRONG_RECIPIENT, EXPIRED, INVALID_MESSAGE, UNSUPPORTED_DOCUMENT_TYPE or UNKNOWN_CONVERSATION.',
      parameters: [country],
      requestBody: { required: true, content: { 'application/xml': { schema: { type: 'string' } } } },
      responses: {
        200: receipt('Positive receipt: stored (or a duplicate)'),
        400: {
          description:
            'Negative receipt: MALFORMED (also for XML past XML_MAX_DEPTH, XML_MAX_ELEMENTS, XML_MAX_ATTRIBUTES, XML_MAX_NAME_LENGTH or XML_MAX_TEXT_LENGTH, checked before the signature); problem+json for a body that is not what its Content-Encoding says',
          content: { ...receipt('').content, ...problem.content },
        },
        401: receipt('Negative receipt: UNSIGNED or BAD_SIGNATURE'),
        403: receipt('Negative receipt: UNKNOWN_PARTNER, WRONG_SENDER or WRONG_RECIPIENT'),
        408: {
          ...problem,
          description:
            'The body arrived slower than HTTP_MIN_BODY_BYTES_PER_SECOND or not within HTTP_REQUEST_TIMEOUT_MS; the connection is closed',
        },
        409: receipt('Negative receipt: EXPIRED (outside the replay window)'),
        413: { ...problem, description: 'The body, decompressed, is larger than BODY_LIMIT_BYTES' },
        415: { ...problem, description: 'Not XML, or a Content-Encoding other than gzip, deflate or br' },
        422: receipt('Negative receipt: INVALID_MESSAGE, UNSUPPORTED_DOCUMENT_TYPE or UNKNOWN_CONVERSATION'),
        429: {
          ...problem,
          description: 'More than PARTNER_INBOUND_PER_MINUTE messages a minute for this partner; retry after Retry-After',
        },
      },
    },
  },
  '/api/v1/partners/signing-certificate': {
    get: {
      tags: ['partners'],
      summary: "This single window's signing certificate (PEM), for partners to register",
      responses: { 200: { description: 'PEM certificate', content: { 'application/x-pem-file': { schema: { type: 'string' } } } } },
    },
  },
  '/api/v1/admin/documents/{id}/partner-exchanges': {
    get: {
      tags: ['partners'],
      summary: "A document's exchanges with partners",
      description:
        'Transport status (READY_TO_SEND, SENDING, WAITING_FOR_RECEIPT, ACKNOWLEDGED, ACKNOWLEDGED_WITH_WARNING, WAITING_FOR_RETRY, SEND_FAILURE), attempts, receipt, failure, business responses and the transport history of each exchange.',
      security: admin,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: '{documentId, reference, status, items: PartnerExchange[]}' }, 401: problem, 404: problem },
    },
  },
  '/api/v1/admin/partners': {
    get: {
      tags: ['partners'],
      summary: 'The partner directory',
      security: admin,
      responses: { 200: { description: '{items: Partner[]}' }, 401: problem },
    },
  },
  '/api/v1/admin/partners/{country}': {
    get: {
      tags: ['partners'],
      summary: 'One partner',
      security: admin,
      parameters: [country],
      responses: { 200: { description: 'Partner', content: { 'application/json': { schema: partner } } }, 401: problem, 404: problem },
    },
    put: {
      tags: ['partners'],
      summary: 'Create or replace a partner',
      description:
        'Body: a partner entry of schemas/partners/partner-directory.schema.json (country optional, must match the path). Every process picks the change up within PARTNER_DIRECTORY_REFRESH_MS.',
      security: admin,
      parameters: [country],
      requestBody: { required: true, content: { 'application/json': { schema: partner } } },
      responses: { 200: { description: 'Replaced' }, 201: { description: 'Created' }, 401: problem, 415: problem, 422: problem },
    },
  },
};

/** The directory schema (schemas/partners/partner-directory.schema.json) as components, so viewers resolve the partner entry. */
export const partnersOpenApiComponents = { schemas: schemaComponents('PartnerDirectory', directorySchema) };
