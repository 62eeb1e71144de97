import type { ValidateFunction } from 'ajv';
import { createAjv } from '../agencies/read-validated-json.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import type { EntryAmendment } from './register-service.js';

const DATE = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 } as const;
const REASON = { type: 'string', minLength: 1, maxLength: 1000 } as const;

export const REVOCATION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: REASON },
} as const;

export const AMENDMENT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  minProperties: 2,
  properties: {
    validFrom: DATE,
    validTo: DATE,
    goods: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['line', 'quantity'],
        properties: { line: { type: 'integer', minimum: 1, maximum: 1000 }, quantity: { type: 'number', minimum: 0, maximum: 1e12 } },
      },
    },
    reason: REASON,
  },
} as const;

const ajv = createAjv();
const revocation = ajv.compile<{ reason: string }>(REVOCATION_SCHEMA);
const amendment = ajv.compile<EntryAmendment>(AMENDMENT_SCHEMA);

function parse<T>(validate: ValidateFunction<T>, body: unknown): T {
  if (validate(body)) return body;
  const errors = (validate.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message ?? 'is invalid' }));
  throw new DomainError('REGISTER.INVALID_CHANGE', 'The request is not valid', { details: { errors } });
}

export const parseRevocation = (body: unknown) => parse(revocation, body);
export const parseAmendment = (body: unknown) => parse(amendment, body);
