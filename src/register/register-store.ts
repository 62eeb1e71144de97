import type { RegisterChange, RegisterEntry, RegisterMovement } from './register-entry.js';

/** A change of an entry made from a read of it (reversal, revocation, amendment). */
export interface GuardedChange {
  /** Top-level fields: status, validity, updatedAt. */
  set?: Partial<Pick<RegisterEntry, 'status' | 'validFrom' | 'validTo' | 'updatedAt'>>;
  /** Added to a line's balance (and to what was granted, for an amendment). */
  balances?: { line: number; remaining: number; granted?: number }[];
  /** The declaration whose draw is given back. */
  releaseDraw?: string;
  movements?: RegisterMovement[];
  changes?: RegisterChange[];
}

export interface RegisterFilter {
  enterpriseId?: string;
  issuingAgency?: string;
}

/** The register's entries; every write is one atomic update of one entry. */
export interface RegisterStore {
  /** False when an entry with the same key (agency and number) exists already. */
  insert(entry: RegisterEntry): Promise<boolean>;
  get(id: string): Promise<RegisterEntry | undefined>;
  findByKeys(keys: string[]): Promise<RegisterEntry[]>;
  /** In key order, after `afterKey`. */
  list(filter: RegisterFilter, page: { limit: number; afterKey?: string }): Promise<RegisterEntry[]>;
  /**
   * Takes the draw's quantities from the entry only if it is VALID, every line
   * named still has them, and the declaration holds no draw on it; records the
   * movement in the same update. False when any condition fails.
   */
  draw(id: string, draw: RegisterMovement): Promise<boolean>;
  /** Applies the change only if the entry is still at `version`; false when it is not. */
  change(id: string, version: number, change: GuardedChange): Promise<boolean>;
}
