import { ProcessingMode } from 'mingo';
import type { Options } from 'mingo/types';

/**
 * Shared mingo settings: strict MongoDB semantics, and no server-side JavaScript
 * ($where, $function, $accumulator): any local process can reach the port, and mingo
 * would run that code inside this process.
 */
export const MINGO_OPTIONS: Partial<Options> = { idKey: '_id', useStrictMode: true, scriptEnabled: false };

/**
 * mingo edits its input in place for some stages and projections ($addFields, $set,
 * nested exclusions). Stored documents must never change, so those runs get copies.
 */
export const COPYING_MINGO_OPTIONS: Partial<Options> = { ...MINGO_OPTIONS, processingMode: ProcessingMode.CLONE_INPUT };
