import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { createAjv, describeErrors } from '../agencies/read-validated-json.js';
import { schemasDir } from '../platform/project-root.js';
import type { ProfileRegistry } from './profiles/profile-registry.js';

const DIR = path.join(schemasDir, 'partners');
const BASE = 'https://single-window.example/schemas/partners/';

/**
 * The partner exchange's JSON Schemas, compiled once: the directory (and one
 * partner entry of it), the envelope, the receipt and each profile's payloads.
 * Envelope, receipt and payload schemas describe XML as the untrusted-XML parser
 * reads it. Each check returns the problems found, empty when valid.
 */
export class PartnerSchemas {
  private readonly directory: ValidateFunction;
  private readonly partner: ValidateFunction;
  private readonly envelope: ValidateFunction;
  private readonly receipt: ValidateFunction;
  private readonly profiles = new Map<string, ValidateFunction>();

  constructor(profiles: ProfileRegistry) {
    const ajv = createAjv();
    for (const file of ['partner-directory.schema.json', 'envelope.schema.json', 'receipt.schema.json'])
      ajv.addSchema(readJson(path.join(DIR, file)));
    this.directory = ajv.getSchema(`${BASE}partner-directory.schema.json`)!;
    this.partner = ajv.getSchema(`${BASE}partner-directory.schema.json#/$defs/partner`)!;
    this.envelope = ajv.getSchema(`${BASE}envelope.schema.json`)!;
    this.receipt = ajv.getSchema(`${BASE}receipt.schema.json`)!;
    for (const name of profiles.names()) this.profiles.set(name, ajv.compile(readJson(path.join(DIR, 'profiles', `${name}.schema.json`))));
  }

  checkDirectory(data: unknown): string[] {
    return check(this.directory, data);
  }

  checkPartner(data: unknown): string[] {
    return check(this.partner, data);
  }

  checkEnvelope(content: unknown): string[] {
    return check(this.envelope, content);
  }

  checkReceipt(content: unknown): string[] {
    return check(this.receipt, content);
  }

  /** Checks `{ <root>: content }` against the profile's schema. */
  checkPayload(profile: string, root: string, content: unknown): string[] {
    const validate = this.profiles.get(profile);
    if (!validate) return [`no schema for profile ${profile}`];
    return check(validate, { [root]: content });
  }
}

function check(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : describeErrors(validate.errors ?? []);
}

function readJson(file: string): object {
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}
