import { DOCUMENT_TYPES } from '../kernel/document-record.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** OpenAPI paths of the public reference data. */
export function catalogOpenApiPaths(codeListNames: string[]): Record<string, unknown> {
  return {
    '/api/v1/schemas': {
      get: {
        tags: ['Reference data'],
        summary: 'The document types and their schema versions',
        responses: { '200': { description: 'The list' } },
      },
    },
    '/api/v1/schemas/{type}': {
      get: {
        tags: ['Reference data'],
        summary: 'The JSON Schema (2020-12) a document type is validated against',
        parameters: [{ name: 'type', in: 'path', required: true, schema: { enum: [...DOCUMENT_TYPES] } }],
        responses: { '200': { description: 'The schema', content: { 'application/schema+json': {} } }, '404': problem('SCHEMA.NOT_FOUND') },
      },
    },
    '/api/v1/code-lists': {
      get: { tags: ['Reference data'], summary: 'The code lists documents use', responses: { '200': { description: 'The list' } } },
    },
    '/api/v1/code-lists/{name}': {
      get: {
        tags: ['Reference data'],
        summary: 'One code list (countries, currencies, units, package types, Incoterms, HS chapters and headings, issuing agencies)',
        parameters: [{ name: 'name', in: 'path', required: true, schema: { enum: codeListNames } }],
        responses: { '200': { description: 'The code list with its entries' }, '404': problem('CODE_LIST.NOT_FOUND') },
      },
    },
  };
}
