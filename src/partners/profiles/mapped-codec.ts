import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { isLeaf, isList, type ElementMap, type LeafKind } from './element-map.js';
import type { PayloadCodec } from './partner-profile.js';
import { attribute, child, children } from './parsed-xml.js';

/** A payload codec driven by an element map: canonical data <-> `<root xmlns=namespace>...</root>`. */
export function mappedCodec(namespace: string, root: string, map: ElementMap[]): PayloadCodec & { map: ElementMap[] } {
  return {
    root,
    map,
    encode(data, parent) {
      writeNodes(map, data, parent.ele(namespace, root));
    },
    decode(content) {
      const data: Record<string, unknown> = {};
      readNodes(map, content, data);
      return data;
    },
  };
}

function writeNodes(nodes: ElementMap[], scope: unknown, parent: XMLBuilder): void {
  for (const node of nodes) {
    if (isLeaf(node)) {
      const value = valueAt(scope, node.path);
      if (value === undefined) continue;
      const attributes: Record<string, string> = {};
      for (const attr of node.attributes ?? []) {
        const attrValue = valueAt(scope, attr.path);
        if (attrValue !== undefined) attributes[attr.name] = format(attrValue);
      }
      parent.ele(node.element, attributes).txt(format(value));
    } else if (isList(node)) {
      const items = valueAt(scope, node.path);
      if (!Array.isArray(items)) continue;
      const wrapper = parent.ele(node.element);
      for (const item of items) {
        const element = wrapper.ele(node.item.element);
        if ('kind' in node.item) element.txt(format(item));
        else writeNodes(node.item.children, item, element);
      }
    } else {
      const inner = node.path ? valueAt(scope, node.path) : scope;
      if (inner === undefined || !hasValue(node.children, inner)) continue;
      writeNodes(node.children, inner, parent.ele(node.element));
    }
  }
}

function readNodes(nodes: ElementMap[], element: unknown, target: Record<string, unknown>): void {
  for (const node of nodes) {
    const found = child(element, node.element);
    if (found === undefined) continue;
    if (isLeaf(node)) {
      assign(target, node.path, parse(leafText(found), node.kind));
      for (const attr of node.attributes ?? []) {
        const value = attribute(found, attr.name);
        if (value !== undefined) assign(target, attr.path, parse(value, attr.kind));
      }
    } else if (isList(node)) {
      const item = node.item;
      assign(
        target,
        node.path,
        children(found, item.element).map((entry) => {
          if ('kind' in item) return parse(leafText(entry), item.kind);
          const object: Record<string, unknown> = {};
          readNodes(item.children, entry, object);
          return object;
        }),
      );
    } else if (node.path) {
      const object: Record<string, unknown> = {};
      readNodes(node.children, found, object);
      assign(target, node.path, object);
    } else {
      readNodes(node.children, found, target);
    }
  }
}

function hasValue(nodes: ElementMap[], scope: unknown): boolean {
  return nodes.some((node) => {
    if (isLeaf(node) || isList(node)) return valueAt(scope, node.path) !== undefined;
    const inner = node.path ? valueAt(scope, node.path) : scope;
    return inner !== undefined && hasValue(node.children, inner);
  });
}

function valueAt(scope: unknown, path: string): unknown {
  let value: unknown = scope;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Paths come from the element maps, never from the XML, so no key here is attacker-chosen. */
function assign(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let scope = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof scope[key] !== 'object' || scope[key] === null) scope[key] = {};
    scope = scope[key] as Record<string, unknown>;
  }
  scope[keys.at(-1)!] = value;
}

/** Text of a leaf element as written, untrimmed: canonical strings round-trip exactly. */
function leafText(element: unknown): string {
  if (typeof element === 'string') return element;
  const text = child(element, '#text');
  return typeof text === 'string' ? text : '';
}

function format(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

function parse(text: string, kind: LeafKind): unknown {
  switch (kind) {
    case 'text':
      return text;
    case 'boolean':
      return text.trim() === 'true';
    default:
      return Number(text.trim());
  }
}
