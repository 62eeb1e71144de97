import { unescapePointer, type Shape } from '../catalog/schema-shape.js';

/** The XML path of a JSON Pointer: `/goodsItems/2/hsCode` -> `/customs-declaration/goodsItems/goodsItem[3]/hsCode`. */
export function xmlPathOf(shape: Shape, root: string, pointer: string): string {
  let path = `/${root}`;
  let current: Shape | undefined = shape;
  for (const segment of pointer.split('/').slice(1).map(unescapePointer)) {
    if (current?.kind === 'array' && /^[0-9]+$/.test(segment)) {
      path += `/${current.itemName}[${Number(segment) + 1}]`;
      current = current.items;
    } else {
      path += `/${segment}`;
      current = current?.kind === 'object' ? current.properties.get(segment) : undefined;
    }
  }
  return path;
}
