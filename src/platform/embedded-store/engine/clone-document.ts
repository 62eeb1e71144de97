/**
 * Deep copy of plain objects and arrays; BSON values (ObjectId, Binary, Decimal128, Long...)
 * are shared, since nothing here mutates them. structuredClone would strip their classes.
 */
export function cloneDocument<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = cloneDocument((value as Record<string, unknown>)[key]);
    return copy as T;
  }
  return value;
}
