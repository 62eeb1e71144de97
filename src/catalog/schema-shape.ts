/**
 * What the XML codec and the schema-driven rules need to know about a JSON Schema,
 * compiled once: which members an object has, which arrays repeat which element,
 * which leaves are numbers, booleans, dates or codes from a code list.
 */
export type Shape = ObjectShape | ArrayShape | LeafShape;

export interface ObjectShape {
  kind: 'object';
  properties: Map<string, Shape>;
}

export interface ArrayShape {
  kind: 'array';
  /** Element name of each item inside the array's wrapper element (`xml.name` of the items schema). */
  itemName: string;
  items: Shape;
}

export interface LeafShape {
  kind: 'string' | 'number' | 'integer' | 'boolean';
  format?: string;
  /** Name of the code list the value must belong to (`x-code-list`). */
  codeList?: string;
}

type SchemaNode = Record<string, unknown>;

/**
 * Compiles a self-contained schema (local `#/$defs/...` references only). Members
 * must be declared in `properties`; `allOf`/`if`/`then` may add constraints but no
 * new members. Arrays must name their item element: the codec has no other way to
 * know it, so a schema without one fails at start-up rather than at the first request.
 */
export function compileShape(root: SchemaNode): Shape {
  const resolve = (node: SchemaNode, seen: string[]): SchemaNode => {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    if (!ref.startsWith('#/$defs/')) throw new Error(`only local #/$defs references are supported, got ${ref}`);
    if (seen.includes(ref)) throw new Error(`recursive reference ${ref} cannot be mapped to XML`);
    const target = (root.$defs as Record<string, SchemaNode> | undefined)?.[ref.slice('#/$defs/'.length)];
    if (!target) throw new Error(`unresolved reference ${ref}`);
    return { ...resolve(target, [...seen, ref]), ...withoutRef(node) };
  };

  const compile = (raw: SchemaNode, at: string, seen: string[]): Shape => {
    const node = resolve(raw, seen);
    const nextSeen = typeof raw.$ref === 'string' ? [...seen, raw.$ref] : seen;
    switch (node.type) {
      case 'object': {
        const properties = new Map<string, Shape>();
        for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, SchemaNode>)) {
          properties.set(name, compile(child, `${at}/${name}`, nextSeen));
        }
        return { kind: 'object', properties };
      }
      case 'array': {
        const items = node.items as SchemaNode | undefined;
        const itemName =
          (items?.xml as { name?: unknown } | undefined)?.name ??
          (items && (resolve(items, nextSeen).xml as { name?: unknown } | undefined)?.name);
        if (!items || typeof itemName !== 'string') throw new Error(`${at || '/'}: arrays need items with xml.name`);
        return { kind: 'array', itemName, items: compile(items, `${at}/${itemName}`, nextSeen) };
      }
      case 'string':
      case 'number':
      case 'integer':
      case 'boolean':
        return {
          kind: node.type,
          ...(typeof node.format === 'string' ? { format: node.format } : {}),
          ...(typeof node['x-code-list'] === 'string' ? { codeList: node['x-code-list'] } : {}),
        };
      default:
        throw new Error(`${at || '/'}: every schema node needs one type, got ${JSON.stringify(node.type)}`);
    }
  };

  return compile(root, '', []);
}

function withoutRef(node: SchemaNode): SchemaNode {
  const { $ref: _ref, ...rest } = node;
  return rest;
}

/**
 * Visits every present leaf of `data` that the shape describes. The JSON Pointer is
 * built only when asked for: most leaves are fine, and a 1000-item declaration has
 * tens of thousands of them.
 */
export function forEachLeaf(shape: Shape, data: unknown, visit: (leaf: LeafShape, value: unknown, pointer: () => string) => void): void {
  const path: (string | number)[] = [];
  const pointer = () => path.map((segment) => `/${typeof segment === 'number' ? segment : escapePointer(segment)}`).join('');
  const walk = (node: Shape, value: unknown): void => {
    if (node.kind === 'object') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      for (const [name, child] of node.properties) {
        if (!Object.hasOwn(value, name)) continue;
        path.push(name);
        walk(child, (value as Record<string, unknown>)[name]);
        path.pop();
      }
    } else if (node.kind === 'array') {
      if (!Array.isArray(value)) return;
      for (let index = 0; index < value.length; index += 1) {
        path.push(index);
        walk(node.items, value[index]);
        path.pop();
      }
    } else {
      visit(node, value, pointer);
    }
  };
  walk(shape, data);
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
