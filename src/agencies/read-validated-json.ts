import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default import is the plugin function itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Reference data that does not match its schema: the service refuses to start. */
export class ReferenceDataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${path.basename(file)} is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'ReferenceDataError';
  }
}

export function createAjv(): Ajv2020 {
  // strictRequired would refuse the usual if/then pattern ("required" naming properties declared beside it).
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  return ajv;
}

/** Reads a JSON data file and checks it against its JSON Schema, reporting every problem at once. */
export function readValidatedJson<T>(file: string, schemaFile: string): T {
  const data = parseJsonFile(file);
  const validate = createAjv().compile(parseJsonFile(schemaFile) as object);
  if (!validate(data)) throw new ReferenceDataError(file, describeErrors(validate.errors ?? []));
  return data as T;
}

export function describeErrors(errors: ErrorObject[]): string[] {
  return errors.map(
    (e) =>
      `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`,
  );
}

function parseJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ReferenceDataError(file, [(error as Error).message]);
  }
}
