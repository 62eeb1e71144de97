import { AMENDMENT_SCHEMA, REVOCATION_SCHEMA } from './register-requests.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const ok = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });
const entryRef = { $ref: '#/components/schemas/RegisterEntry' };
const page = { type: 'object', properties: { items: { type: 'array', items: entryRef }, nextCursor: { type: 'string' } } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const code = {
  name: 'code',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The issuing agency; its key must be sent',
};
const listParameters = [
  { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: '`nextCursor` of the previous page' },
];
const enterprise = [{ enterpriseApiKey: [] }];
const agency = [{ agencyApiKey: [] }];
const tags = ['Register'];

const goodsLine = {
  type: 'object',
  properties: {
    line: { type: 'integer' },
    hsCode: { type: 'string' },
    description: { type: 'string' },
    unit: { type: 'string', description: 'UN/ECE Rec 20 code; present with granted and remaining' },
    granted: { type: 'number' },
    remaining: { type: 'number', description: 'granted minus what approved declarations drew' },
  },
};
const cited = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    number: { type: 'string', examples: ['40745/GPNK-BCT'] },
    issuingAgency: { type: 'string', examples: ['MOIT'] },
    status: { enum: ['VALID', 'EXHAUSTED', 'EXPIRED', 'REVOKED'] },
    holderTaxId: { type: 'string' },
    validFrom: { type: 'string', format: 'date' },
    validTo: { type: 'string', format: 'date' },
    goods: { type: 'array', items: goodsLine },
    asOf: { type: 'string', format: 'date-time' },
  },
};

const { asOf: _asOf, ...entryProperties } = cited.properties;

export const registerOpenApiComponents = {
  schemas: {
    CitedRegisterEntry: cited,
    RegisterEntry: {
      type: 'object',
      description: 'A licence or certificate the window issued, with every draw and reversal, so the balance can be recomputed',
      properties: {
        ...entryProperties,
        documentType: { enum: ['licence-application', 'certificate-of-origin', 'phytosanitary-certificate'] },
        source: { type: 'object', properties: { documentId: { type: 'string' }, reference: { type: 'string' } } },
        holder: { type: 'object', properties: { name: { type: 'string' }, taxId: { type: 'string' } } },
        issuedAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
        movements: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              kind: { enum: ['DRAW', 'REVERSAL'] },
              declarationId: { type: 'string' },
              declarationReference: { type: 'string' },
              lines: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, quantity: { type: 'number' } } } },
              at: { type: 'string', format: 'date-time' },
              reverses: { type: 'string' },
              reason: { type: 'string' },
            },
          },
        },
        changes: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              at: { type: 'string' },
              actor: { type: 'string' },
              action: { enum: ['ISSUED', 'REVOKED', 'AMENDED'] },
              reason: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

export const registerOpenApiPaths: Record<string, unknown> = {
  '/api/v1/register/entries': {
    get: {
      tags,
      summary: 'The register entries of what the enterprise applied for',
      security: enterprise,
      parameters: listParameters,
      responses: { '200': ok('A page of entries, in number order', page), '401': problem('No valid API key') },
    },
  },
  '/api/v1/register/entries/{id}': {
    get: {
      tags,
      summary: 'One of the enterprise’s register entries',
      security: enterprise,
      parameters: [id],
      responses: { '200': ok('The entry', entryRef), '404': problem('No such entry of this enterprise') },
    },
  },
  '/api/v1/documents/{id}/register-entries': {
    get: {
      tags,
      summary: 'The register entries a declaration cites, with their balances now',
      security: enterprise,
      parameters: [id],
      responses: {
        '200': ok('The cited entries', {
          type: 'object',
          properties: { id: { type: 'string' }, items: { type: 'array', items: { $ref: '#/components/schemas/CitedRegisterEntry' } } },
        }),
        '404': problem('No such document of this enterprise'),
      },
    },
  },
  '/api/v1/agencies/{code}/register/entries': {
    get: {
      tags,
      summary: 'The entries this agency issued',
      security: agency,
      parameters: [code, ...listParameters],
      responses: {
        '200': ok('A page of entries', page),
        '401': problem('No valid agency key'),
        '403': problem('The key is another agency’s'),
      },
    },
  },
  '/api/v1/agencies/{code}/register/entries/{id}': {
    get: {
      tags,
      summary: 'One entry this agency issued',
      security: agency,
      parameters: [code, id],
      responses: { '200': ok('The entry', entryRef), '404': problem('No such entry issued by this agency') },
    },
  },
  '/api/v1/agencies/{code}/register/entries/{id}/revocation': {
    post: {
      tags,
      summary: 'Revoke an entry',
      description:
        'From now on, declarations citing it are refused (`REGISTER_REF.REVOKED`) and approvals of declarations citing it are turned into NEEDS_INFO. What approved declarations drew stays recorded. Repeating it changes nothing.',
      security: agency,
      parameters: [code, id],
      requestBody: { required: true, content: { 'application/json': { schema: REVOCATION_SCHEMA } } },
      responses: {
        '200': ok('The revoked entry', entryRef),
        '404': problem('No such entry issued by this agency'),
        '422': problem('`REGISTER.INVALID_CHANGE`'),
      },
    },
  },
  '/api/v1/agencies/{code}/register/entries/{id}/amendments': {
    post: {
      tags,
      summary: 'Amend an entry’s validity or granted quantities',
      description:
        'A granted quantity changes the remaining balance by the same amount; it may not fall below what is drawn (`REGISTER.BELOW_DRAWN`, 409). A revoked entry cannot be amended (`REGISTER.ENTRY_REVOKED`, 409).',
      security: agency,
      parameters: [code, id],
      requestBody: { required: true, content: { 'application/json': { schema: AMENDMENT_SCHEMA } } },
      responses: {
        '200': ok('The amended entry', entryRef),
        '404': problem('No such entry issued by this agency'),
        '409': problem('Below what is drawn, or revoked'),
        '422': problem('`REGISTER.INVALID_CHANGE`'),
      },
    },
  },
};
