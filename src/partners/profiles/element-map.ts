/** How a leaf value is written as XML text and read back. */
export type LeafKind = 'text' | 'decimal' | 'integer' | 'boolean';

export interface AttributeMap {
  name: string;
  path: string;
  kind: LeafKind;
}

/** A value in its own element, optionally with values in attributes: `<Quantity unitCode="KGM">1200</Quantity>`. */
export interface LeafMap {
  element: string;
  path: string;
  kind: LeafKind;
  attributes?: AttributeMap[];
}

/**
 * An element grouping others. With `path`, the children map the object at that
 * path; without it, the element only groups the current object's fields.
 */
export interface GroupMap {
  element: string;
  path?: string;
  children: ElementMap[];
}

/** An array at `path`, written as a wrapper element holding one `item` element per entry. */
export interface ListMap {
  element: string;
  path: string;
  maxItems: number;
  item: { element: string; kind: LeafKind } | { element: string; children: ElementMap[] };
}

/**
 * One partner payload described as a tree mapping XML elements to canonical
 * document paths. The same description encodes, decodes and generates the
 * profile's JSON Schema, so the three cannot disagree.
 */
export type ElementMap = LeafMap | GroupMap | ListMap;

export const isLeaf = (node: ElementMap): node is LeafMap => 'kind' in node;
export const isList = (node: ElementMap): node is ListMap => 'item' in node;
