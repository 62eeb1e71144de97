/** An element of a parsed document, as the codec and the partner exchange read it. */
export interface XmlElement {
  /** Local name: the namespace prefix, if any, removed. */
  name: string;
  /** Attributes in document order, by qualified name, references decoded; undefined when there are none. */
  attributes: XmlAttribute[] | undefined;
  /** Child elements in document order. */
  children: XmlElement[];
  /** All character data of the element (text with references decoded, CDATA as written), concatenated. */
  text: string;
}

export interface XmlAttribute {
  name: string;
  value: string;
}

export const TEXT_MEMBER = '#text';
export const ATTRIBUTE_PREFIX = '@_';

/** Whether an element reads as plain text: no child elements and no attributes. */
export function isTextOnly(element: XmlElement): boolean {
  return element.children.length === 0 && element.attributes === undefined;
}

/**
 * The element in fast-xml-parser's object form: an element that is text only is its
 * text ("" when empty); otherwise an object with child elements by local name
 * (repeated names become arrays, in document order), then `#text` when there is
 * text, then attributes as `@_name`.
 */
export function compactOf(element: XmlElement): unknown {
  if (isTextOnly(element)) return element.text;
  const members: Record<string, unknown> = {};
  for (const child of element.children) {
    const value = compactOf(child);
    if (!Object.hasOwn(members, child.name)) {
      members[child.name] = value;
      continue;
    }
    // A member's value is never an array until its name repeats.
    const present = members[child.name];
    if (Array.isArray(present)) present.push(value);
    else members[child.name] = [present, value];
  }
  if (element.text.length > 0) members[TEXT_MEMBER] = element.text;
  for (const { name, value } of element.attributes ?? []) members[`${ATTRIBUTE_PREFIX}${name}`] = value;
  return members;
}

/** compactOf for a name met once, an array of them for a name repeated. */
export function compactOfAll(elements: XmlElement[]): unknown {
  return elements.length === 1 ? compactOf(elements[0]!) : elements.map(compactOf);
}
