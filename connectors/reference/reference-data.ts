import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The single window's published reference data (schemas/ beside connectors/), read as plain JSON. */
export function readReferenceData<T>(relativePath: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../schemas/${relativePath}`, import.meta.url)), 'utf8')) as T;
}

/** The agencies of the registry, by code. */
export function registeredAgencies(): string[] {
  return readReferenceData<{ agencies: { code: string }[] }>('agencies/agencies.json').agencies.map((agency) => agency.code);
}
