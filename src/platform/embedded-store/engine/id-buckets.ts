/**
 * An index entry points at one document id, or at a set of them once a second document
 * shares the key. Most keys of most indexes are unique, and a bare string costs far less
 * memory than a Set per key.
 */
export type IdBucket = string | Set<string>;

export function addToBucket(map: Map<string, IdBucket>, key: string, id: string): void {
  const current = map.get(key);
  if (current === undefined) map.set(key, id);
  else if (typeof current === 'string') {
    if (current !== id) map.set(key, new Set([current, id]));
  } else current.add(id);
}

export function removeFromBucket(map: Map<string, IdBucket>, key: string, id: string): void {
  const current = map.get(key);
  if (current === undefined) return;
  if (typeof current === 'string') {
    if (current === id) map.delete(key);
    return;
  }
  current.delete(id);
  if (current.size === 1) map.set(key, current.values().next().value as string);
  else if (current.size === 0) map.delete(key);
}

export function* idsIn(bucket: IdBucket | undefined): Generator<string> {
  if (bucket === undefined) return;
  if (typeof bucket === 'string') yield bucket;
  else yield* bucket;
}

export function bucketSize(bucket: IdBucket | undefined): number {
  if (bucket === undefined) return 0;
  return typeof bucket === 'string' ? 1 : bucket.size;
}
