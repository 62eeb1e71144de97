/** The most characters of client input an error message quotes. */
export const QUOTE_LENGTH = 64;

/**
 * Client input as an error may quote it: at most `max` characters, then an ellipsis.
 * Whatever was sent (a 1 MB element name, a huge value), the answer stays small; the
 * cut never splits a surrogate pair.
 */
export function cutShort(text: string, max = QUOTE_LENGTH): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}
