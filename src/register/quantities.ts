/** Units of one dimension, by their factor to a base unit (UN/ECE Rec 20 codes of the `units` list). */
const FAMILIES: Record<string, number>[] = [
  { MGM: 0.000001, GRM: 0.001, KGM: 1, TNE: 1000, KTN: 1_000_000 },
  { MLT: 0.001, CMQ: 0.001, DMQ: 1, LTR: 1, HLT: 100, MTQ: 1000 },
  { C62: 1, H87: 1, NAR: 1, DZN: 12, CEN: 100, GRO: 144, MIL: 1000, MIO: 1_000_000 },
];

export const toThousandths = (value: number) => Math.round(value * 1000);
export const fromThousandths = (thousandths: number) => thousandths / 1000;

/**
 * A declared goods item's quantity in the licence's unit: the same unit, a unit of
 * the same dimension (kilograms against tonnes), or, for a licence counted by mass,
 * the item's net mass (declarations always state it, in kilograms). Undefined when
 * the two cannot be compared.
 */
export function inUnit(quantity: { value: number; unit: string }, netMassKg: number | undefined, unit: string): number | undefined {
  if (quantity.unit === unit) return quantity.value;
  for (const family of FAMILIES) {
    const from = family[quantity.unit];
    const to = family[unit];
    if (to === undefined) continue;
    if (from !== undefined) return (quantity.value * from) / to;
    if (family.KGM !== undefined && netMassKg !== undefined) return netMassKg / to;
  }
  return undefined;
}
