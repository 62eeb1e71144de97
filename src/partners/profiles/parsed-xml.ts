/**
 * Reading helpers over the untrusted-XML parser's objects (child elements by
 * local name, repeated names as arrays, attributes as `@_name`, text beside
 * children as `#text`). Codecs use them after the profile's schema has checked
 * the shape, so they stay forgiving: a missing element reads as undefined.
 */
export type XmlNode = Record<string, unknown>;

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function child(node: unknown, name: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  return Object.hasOwn(node, name) ? (node as XmlNode)[name] : undefined;
}

export function children(node: unknown, name: string): unknown[] {
  return asArray(child(node, name));
}

/** The trimmed text of an element (or of the element `name` under `node`); empty text reads as undefined. */
export function text(node: unknown, name?: string): string | undefined {
  const value = name === undefined ? node : child(node, name);
  const raw = typeof value === 'object' && value !== null ? (value as XmlNode)['#text'] : value;
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function attribute(node: unknown, name: string): string | undefined {
  const value = child(node, `@_${name}`);
  return typeof value === 'string' ? value : undefined;
}

export function number(node: unknown, name: string): number | undefined {
  const value = text(node, name);
  return value === undefined ? undefined : Number(value);
}

/** Drops undefined members, so decoded objects equal the canonical JSON they came from. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
