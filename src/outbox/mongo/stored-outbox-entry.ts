import type { OutboxEntry } from '../../kernel/document-record.js';

/**
 * An outbox entry as the documents collection holds it: the kernel's entry, and the
 * time before which no claim takes it, set by this adapter when the broker refused the
 * entry (its retry time). Absent on new entries, which are claimable at once. The field
 * keeps the name earlier versions wrote on every entry, so their documents read alike.
 */
export type StoredOutboxEntry = OutboxEntry & { leaseUntil?: Date };
