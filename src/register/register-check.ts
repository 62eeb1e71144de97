import type { DocumentCheck } from '../documents/validation/document-check.js';
import { citedEntryView } from './register-representation.js';
import type { RegisterService } from './register-service.js';

/** The intake's check of a declaration's citations, and the entries stored with it for the agencies. */
export function registerCheck(register: RegisterService, now: () => Date = () => new Date()): DocumentCheck {
  return {
    issues: (type, data) => register.check(type, data),
    async fields(type, data) {
      const entries = await register.citedBy({ type, data });
      return entries.length === 0 ? {} : { registerEntries: entries.map((entry) => citedEntryView(entry, now())) };
    },
  };
}
