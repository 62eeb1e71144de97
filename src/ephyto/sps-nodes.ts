/**
 * Reading helpers over the untrusted-XML parser's compact objects (children by
 * local name, repeated names as arrays, attributes as `@_name`, text as `#text`).
 * Forgiving on purpose: the XSD says what is wrong; the decoder reads what is there.
 */
export function child(node: unknown, name: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const value = Object.hasOwn(node, name) ? (node as Record<string, unknown>)[name] : undefined;
  return Array.isArray(value) ? value[0] : value;
}

export function children(node: unknown, name: string): unknown[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, name)) return [];
  const value = (node as Record<string, unknown>)[name];
  return Array.isArray(value) ? value : [value];
}

/** Trimmed text of `node` (or of its child `name`); empty reads as undefined. */
export function text(node: unknown, name?: string): string | undefined {
  const value = name === undefined ? node : child(node, name);
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['#text'] : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const trimmed = String(raw).trim();
  return trimmed === '' ? undefined : trimmed;
}

export function texts(node: unknown, name: string): string[] {
  return children(node, name)
    .map((entry) => text(entry))
    .filter((value): value is string => value !== undefined);
}

export function attribute(node: unknown, name: string): string | undefined {
  const value = child(node, `@_${name}`);
  return typeof value === 'string' ? value : undefined;
}

/** A number as the canonical schema wants it; text that is not one stays text so the schema names the problem. */
export function numeric(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : value;
}

/** Calendar date of a udt:DateTimeString (ISO 8601 or UN/EDIFACT 102 CCYYMMDD). */
export function dateOf(node: unknown): string | undefined {
  const value = text(child(node, 'DateTimeString')) ?? text(child(node, 'DateTime'));
  if (value === undefined) return undefined;
  const compactDate = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  if (attribute(child(node, 'DateTimeString'), 'format') === '102' && compactDate)
    return `${compactDate[1]}-${compactDate[2]}-${compactDate[3]}`;
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
}

/** Drops undefined members and empty arrays, so decoded objects equal the canonical JSON they came from. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)),
  ) as T;
}
