import type { SchemaCatalog } from '../catalog/schema-catalog.js';
import type { OpenApiComponents } from '../platform/service-context.js';
import { mergeComponents } from './merge-components.js';
import { documentComponents } from './schema-components.js';

export interface OpenApiInputs {
  schemas: SchemaCatalog;
  /** Every feature's `openapiPaths`, merged in order. */
  paths: Record<string, unknown>[];
  /** Every feature's `openapiComponents`; a name given twice stops the start-up. */
  components?: OpenApiComponents[];
  version: string;
}

const PROBLEM = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` is stable, clients key on it',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', examples: ['DOCUMENT.NOT_FOUND'] },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
  },
};

const VALIDATION_PROBLEM = {
  allOf: [
    { $ref: '#/components/schemas/Problem' },
    {
      type: 'object',
      required: ['errors'],
      properties: {
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['pointer', 'code', 'message'],
            properties: {
              pointer: {
                type: 'string',
                description: 'JSON Pointer (RFC 6901) into the document data',
                examples: ['/goodsItems/2/hsCode'],
              },
              xmlPath: {
                type: 'string',
                description: 'For XML input: the path of the element',
                examples: ['/customs-declaration/goodsItems/goodsItem[3]/hsCode'],
              },
              code: { type: 'string', examples: ['HS_CODE.UNKNOWN', 'SCHEMA.REQUIRED', 'TOTALS.GROSS_MASS_MISMATCH'] },
              message: { type: 'string' },
            },
          },
        },
        errorsTruncated: { type: 'boolean', description: 'More problems exist than the ones listed' },
      },
    },
  ],
};

/**
 * The OpenAPI 3.1 document of the whole service: the features' paths and components,
 * the document schemas as components, and the shared Problem schemas and security
 * schemes that paths refer to (`#/components/schemas/Problem`, `ValidationProblem`;
 * security `enterpriseApiKey`, `adminToken`).
 */
export function buildOpenApiDocument({ schemas, paths, components = [], version }: OpenApiInputs): Record<string, unknown> {
  const shared: OpenApiComponents = {
    schemas: { Problem: PROBLEM, ValidationProblem: VALIDATION_PROBLEM, ...documentComponents(schemas) },
    securitySchemes: {
      enterpriseApiKey: { type: 'http', scheme: 'bearer', description: 'An enterprise API key (`swk_...`), issued by an operator' },
      adminToken: { type: 'http', scheme: 'bearer', description: 'The operator token (ADMIN_TOKEN)' },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'National Single Window for trade',
      version,
      description:
        'Enterprises lodge trade documents once, in JSON or XML; the single window validates and stores them, routes them to the agencies that must act and exchanges them with partner single windows. Every error is application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/' }],
    paths: Object.assign({}, ...paths),
    components: mergeComponents([shared, ...components]),
  };
}
