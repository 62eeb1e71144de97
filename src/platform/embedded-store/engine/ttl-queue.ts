import type { Document } from 'bson';
import { valuesAtPath } from './index-keys.js';

export interface TtlEntry {
  readonly expiresAt: number;
  readonly id: string;
  /** The exact stored version; a later write replaces the object, which makes this entry stale. */
  readonly doc: Document;
}

/**
 * Min-heap of expiry times, so a sweep only touches documents that are due rather than
 * scanning the collection. Entries are never removed on update or delete: the sweeper
 * checks that the stored document is still the one the entry was made for.
 */
export class TtlQueue {
  private readonly heap: TtlEntry[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: TtlEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.expiresAt <= entry.expiresAt) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Removes and returns the earliest entry if it is due at `now`. */
  popDue(now: number): TtlEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined || top.expiresAt > now) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && heap[right]!.expiresAt < heap[left]!.expiresAt ? right : left;
        if (heap[child]!.expiresAt >= last.expiresAt) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

interface TtlIndex {
  readonly fieldNames: readonly string[];
  readonly spec: { readonly expireAfterSeconds?: number };
}

/** Queues the document under the earliest expiry any TTL index gives it; non-date values never expire. */
export function trackExpiry(queue: TtlQueue, indexes: readonly TtlIndex[], id: string, doc: Document): void {
  let expiresAt = Infinity;
  for (const index of indexes) {
    const seconds = index.spec.expireAfterSeconds ?? Infinity;
    for (const value of valuesAtPath(doc, index.fieldNames[0]!.split('.'))) {
      if (value instanceof Date) expiresAt = Math.min(expiresAt, value.getTime() + seconds * 1000);
    }
  }
  if (Number.isFinite(expiresAt)) queue.push({ expiresAt, id, doc });
}
