const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether JSON text (UTF-8 bytes) nests objects and arrays deeper than `maxDepth`,
 * found in one pass over the bytes before anything parses or walks them: no stack
 * grows with the input, and the scan stops at the first level too deep. Brackets
 * inside strings do not count. Text that is not JSON may get either answer;
 * JSON.parse refuses it afterwards.
 */
export function jsonDepthExceeds(bytes: Uint8Array, maxDepth: number): boolean {
  const { length } = bytes;
  let depth = 0;
  // Plain loops: a native indexOf per string costs more than it saves on short strings.
  for (let index = 0; index < length; index += 1) {
    const byte = bytes[index];
    if (byte === QUOTE) {
      for (index += 1; index < length; index += 1) {
        const inside = bytes[index];
        if (inside === QUOTE) break;
        if (inside === BACKSLASH) index += 1;
      }
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
}
