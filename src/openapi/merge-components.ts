import { isDeepStrictEqual } from 'node:util';
import type { OpenApiComponents } from '../platform/service-context.js';

/**
 * Merges the components features contribute. Two features giving one name two
 * meanings would silently describe one of them wrongly, so that stops the start-up;
 * the same definition given twice is harmless.
 */
export function mergeComponents(parts: OpenApiComponents[]): Required<OpenApiComponents> {
  const merged: Required<OpenApiComponents> = { schemas: {}, securitySchemes: {} };
  for (const part of parts) {
    for (const kind of ['schemas', 'securitySchemes'] as const) {
      for (const [name, definition] of Object.entries(part[kind] ?? {})) {
        const existing = merged[kind][name];
        if (existing !== undefined && !isDeepStrictEqual(existing, definition)) {
          throw new Error(`OpenAPI component ${kind}.${name} is contributed twice with different definitions`);
        }
        merged[kind][name] = definition;
      }
    }
  }
  return merged;
}
