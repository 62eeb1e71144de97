import type { RefusalReason } from './receipt.js';

/** A message refused for a reason the negative receipt names. */
export class PartnerMessageError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'PartnerMessageError';
  }
}
