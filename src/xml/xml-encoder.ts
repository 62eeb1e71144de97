import { create } from 'xmlbuilder2';
import type { Shape } from '../catalog/schema-shape.js';

type XMLBuilder = ReturnType<typeof create>;

/**
 * Writes canonical JSON as XML following the schema's shape: members in their JSON
 * order, arrays as a wrapper element holding one item element per entry, leaves as
 * text. Only valid documents are encoded, so every member is in the shape.
 */
export function encodeXml(shape: Shape, data: unknown, root: string, namespace: string, pretty = false): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' });
  write(document.ele(namespace, root), shape, data);
  // XML parsers turn a literal carriage return into a line feed; a character
  // reference survives, so text with CR reads back exactly as it was submitted.
  return document.end({ prettyPrint: pretty }).replace(/\r/g, '&#xD;');
}

function write(element: XMLBuilder, shape: Shape | undefined, value: unknown): void {
  if (shape?.kind === 'array' && Array.isArray(value)) {
    for (const item of value) write(element.ele(shape.itemName), shape.items, item);
    return;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const properties = shape?.kind === 'object' ? shape.properties : undefined;
    for (const [name, child] of Object.entries(value)) write(element.ele(name), properties?.get(name), child);
    return;
  }
  element.txt(String(value));
}
