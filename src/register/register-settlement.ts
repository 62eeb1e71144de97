import type { ApprovalSettlement } from '../decisions/approval-settlement.js';
import type { Logger } from '../platform/logging/logger.js';
import { citedEntryView } from './register-representation.js';
import type { RegisterService } from './register-service.js';

/**
 * The register's part in decisions: an approved licence or certificate enters the
 * register; customs' approval of a declaration draws down the entries it cites.
 */
export function registerSettlement(register: RegisterService, logger: Logger, now: () => Date = () => new Date()): ApprovalSettlement {
  return {
    take: (document) => register.take(document),
    giveBack: (document) => register.giveBack(document),
    async fields(document) {
      const entries = await register.citedBy(document);
      return entries.length === 0 ? {} : { registerEntries: entries.map((entry) => citedEntryView(entry, now())) };
    },
    async settled(document) {
      if (document.status !== 'APPROVED') return;
      if (document.type !== 'customs-declaration') {
        await register.issue(document);
        return;
      }
      // An approval whose draw was given back by a failure after it was stored takes again; a shortfall now is for operators.
      const { refusal } = await register.take(document);
      if (refusal) logger.error('an approved declaration could not draw down its register entries', { documentId: document.id, refusal });
    },
  };
}
