import type { ValidationIssue } from '../../../kernel/validation-issue.js';

/** `ITEMS.SEQUENCE` for the first item whose number is not its position (1 to n, in order). */
export function numberedInOrder(numbers: number[], member: string, arrayPointer: string): ValidationIssue[] {
  const index = numbers.findIndex((number, position) => number !== position + 1);
  if (index === -1) return [];
  return [
    {
      pointer: `${arrayPointer}/${index}/${member}`,
      code: 'ITEMS.SEQUENCE',
      message: `must be ${index + 1}: items are numbered 1 to ${numbers.length} in order`,
    },
  ];
}
