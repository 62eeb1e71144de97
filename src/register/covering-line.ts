import type { RegisterGoodsLine } from './register-entry.js';

/**
 * The entry's line that covers a goods item: its HS code is the item's or a broader
 * one (a licence for heading 7208 covers 72085100); the most specific line wins.
 */
export function coveringLine(goods: RegisterGoodsLine[], hsCode: string): RegisterGoodsLine | undefined {
  let best: RegisterGoodsLine | undefined;
  for (const line of goods) {
    if (line.hsCode === undefined || !hsCode.startsWith(line.hsCode)) continue;
    if (!best || line.hsCode.length > best.hsCode!.length) best = line;
  }
  return best;
}
