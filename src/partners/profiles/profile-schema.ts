import { isLeaf, isList, type ElementMap, type LeafKind, type LeafMap } from './element-map.js';
import type { PartnerProfile } from './partner-profile.js';

type Json = Record<string, unknown>;

const PATTERNS: Record<Exclude<LeafKind, 'text'>, string> = {
  decimal: '^\\s*-?[0-9]{1,20}(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,3})?\\s*$',
  integer: '^\\s*-?[0-9]{1,16}\\s*$',
  boolean: '^\\s*(true|false)\\s*$',
};

const XML_NOISE = { '^#text$': { type: 'string', pattern: '^\\s*$' }, '^@_xmlns(:[A-Za-z_][A-Za-z0-9_.-]*)?$': { type: 'string' } };

/**
 * The JSON Schema of a profile's payloads as the untrusted-XML parser reads them,
 * generated from the element maps; which elements are required follows the
 * canonical document schemas (`canonical[type]`). Written to
 * schemas/partners/profiles/<name>.schema.json, which a test keeps in step.
 */
export function profileSchema(profile: PartnerProfile, canonical: Record<string, Json>): Json {
  const properties: Json = {};
  for (const [type, codec] of Object.entries(profile.codecs)) {
    const map = (codec as { map?: ElementMap[] }).map;
    const root = canonical[type];
    if (!map) {
      // A published format (the SPSCertificate) is checked against its own XSD; the canonical schema judges what it decodes to.
      properties[codec.root] = {
        description: `${type}: a published format with its own XSD (no element map), decoded to the canonical schema ${String(root?.$id)}`,
        type: 'object',
      };
      continue;
    }
    if (!root) throw new Error(`no canonical schema for ${type}`);
    properties[codec.root] = { description: `${type} (canonical schema ${String(root.$id)})`, ...groupSchema(map, root, root) };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://single-window.example/schemas/partners/profiles/${profile.name}.schema.json`,
    title: `Partner profile ${profile.name}: payloads`,
    description: `${profile.description} Payload elements (namespace ${profile.namespace}) as the untrusted-XML parser reads them: child elements by local name, attributes as @_name, every value a string. Generated from the element maps in src/partners/profiles/${profile.name}/.`,
    type: 'object',
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
    properties,
  };
}

function groupSchema(nodes: ElementMap[], root: Json, scope: Json): Json {
  const properties: Json = {};
  const required: string[] = [];
  for (const node of nodes) {
    properties[node.element] = nodeSchema(node, root, scope);
    if (isNodeRequired(node, root, scope)) required.push(node.element);
  }
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    patternProperties: XML_NOISE,
    ...(required.length ? { required } : {}),
  };
}

function nodeSchema(node: ElementMap, root: Json, scope: Json): Json {
  if (isLeaf(node)) return leafSchema(node, root, scope);
  if (isList(node)) {
    const listSchema = schemaAt(root, scope, node.path);
    const itemScope = resolve(root, (listSchema?.items ?? {}) as Json);
    const item = 'kind' in node.item ? textSchema(node.item.kind, itemScope) : groupSchema(node.item.children, root, itemScope);
    const many = { anyOf: [item, { type: 'array', minItems: 2, maxItems: node.maxItems, items: item }] };
    const minItems = Number(listSchema?.minItems ?? 0);
    const filled = {
      type: 'object',
      additionalProperties: false,
      properties: { [node.item.element]: many },
      patternProperties: XML_NOISE,
      required: [node.item.element],
    };
    return minItems > 0 ? filled : { anyOf: [{ type: 'string', pattern: '^\\s*$' }, filled] };
  }
  const inner = node.path ? schemaAt(root, scope, node.path) : scope;
  return groupSchema(node.children, root, inner ?? {});
}

function leafSchema(node: LeafMap, root: Json, scope: Json): Json {
  const text = textSchema(node.kind, schemaAt(root, scope, node.path) ?? {});
  if (!node.attributes?.length) return text;
  const properties: Json = { '#text': text };
  const required = ['#text'];
  for (const attr of node.attributes) {
    properties[`@_${attr.name}`] = textSchema(attr.kind, schemaAt(root, scope, attr.path) ?? {});
    if (isPathRequired(root, scope, attr.path)) required.push(`@_${attr.name}`);
  }
  return { type: 'object', additionalProperties: false, properties, required };
}

function textSchema(kind: LeafKind, canonical: Json): Json {
  if (kind !== 'text') return { type: 'string', pattern: PATTERNS[kind] };
  const maxLength = typeof canonical.maxLength === 'number' ? canonical.maxLength : 10_000;
  return { type: 'string', maxLength };
}

function isNodeRequired(node: ElementMap, root: Json, scope: Json): boolean {
  if (isLeaf(node) || isList(node)) return isPathRequired(root, scope, node.path);
  if (node.path) return isPathRequired(root, scope, node.path);
  return node.children.some((child) => isNodeRequired(child, root, scope));
}

function isPathRequired(root: Json, scope: Json, path: string): boolean {
  let schema: Json | undefined = scope;
  for (const key of path.split('.')) {
    schema = schema && resolve(root, schema);
    if (!schema || !(schema.required as string[] | undefined)?.includes(key)) return false;
    schema = (schema.properties as Record<string, Json> | undefined)?.[key];
  }
  return true;
}

function schemaAt(root: Json, scope: Json, path: string): Json | undefined {
  let schema: Json | undefined = scope;
  for (const key of path.split('.')) {
    schema = schema && resolve(root, schema);
    schema = (schema?.properties as Record<string, Json> | undefined)?.[key];
  }
  return schema && resolve(root, schema);
}

function resolve(root: Json, schema: Json): Json {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops += 1) {
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    current = pointer.reduce<Json>((node, key) => (node[key] ?? {}) as Json, root);
  }
  return current;
}
