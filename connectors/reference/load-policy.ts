import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { DecisionPolicy } from './decision-policy.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_POLICY_FILE = path.join(here, 'default-policy.json');

/** The policy from CONNECTOR_POLICY (inline JSON or a file path), else the default file; checked against its schema. */
export function loadPolicy(source = process.env.CONNECTOR_POLICY): DecisionPolicy {
  const text = !source ? readFileSync(DEFAULT_POLICY_FILE, 'utf8') : source.trim().startsWith('{') ? source : readPolicyFile(source);
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch (error) {
    throw new Error(`CONNECTOR_POLICY is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const schema = JSON.parse(readFileSync(path.join(here, 'decision-policy.schema.json'), 'utf8')) as object;
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  if (!validate(policy)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new Error(`CONNECTOR_POLICY is invalid:\n  ${problems.join('\n  ')}`);
  }
  return policy as DecisionPolicy;
}

function readPolicyFile(file: string): string {
  if (!existsSync(file)) throw new Error(`CONNECTOR_POLICY file ${file} does not exist`);
  return readFileSync(file, 'utf8');
}
