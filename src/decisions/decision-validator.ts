import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { createAjv } from '../agencies/read-validated-json.js';
import { cutShort } from '../kernel/errors/cut-short.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import { schemasDir } from '../platform/project-root.js';
import type { DecisionMessage } from '../kernel/contracts/decision-message.js';

const schema = JSON.parse(readFileSync(path.join(schemasDir, 'agencies', 'decision.schema.json'), 'utf8')) as object;
const validate = createAjv().compile<DecisionMessage>(schema);

/** Checks a decision body against schemas/agencies/decision.schema.json; 422 `DECISION.INVALID` naming every problem. */
export function parseDecision(body: unknown): DecisionMessage {
  if (validate(body)) return body;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(toIssue);
  throw new DomainError('DECISION.INVALID', 'The decision is not valid', { details: { errors } });
}

function toIssue(error: ErrorObject): { pointer: string; message: string } {
  const member =
    error.keyword === 'required'
      ? error.params.missingProperty
      : error.keyword === 'additionalProperties'
        ? error.params.additionalProperty
        : undefined;
  // An extra member's name is the client's: a huge one is quoted cut short.
  const missing = member === undefined ? '' : `/${cutShort(String(member))}`;
  const allowed = error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : '';
  return { pointer: `${error.instancePath}${missing}`, message: `${error.message ?? 'is invalid'}${allowed}` };
}
