/** A plain document, as opposed to an array or a BSON value (ObjectId, Long, Binary...). */
export function isDocument(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (value instanceof Date || value instanceof RegExp || value instanceof Uint8Array) return false;
  return !('_bsontype' in value);
}

/**
 * The fixtures are read as canonical extended JSON, so their numbers are Int32, Long and
 * Double objects, as the test authors meant for documents sent to the server. A driver
 * option (batchSize, a sort direction, an index key) wants a plain number.
 */
export function plainValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainValues);
  const bsonType = (value as { _bsontype?: string } | null | undefined)?._bsontype;
  if (bsonType === 'Int32' || bsonType === 'Double') return (value as { valueOf(): number }).valueOf();
  if (bsonType === 'Long') return (value as { toNumber(): number }).toNumber();
  if (!isDocument(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plainValues(inner)]));
}
