import type { DocumentType } from '../kernel/document-record.js';
import type { SchemaCatalog } from '../catalog/schema-catalog.js';
import { documentNamespace } from '../xml/document-xml-codec.js';

/** `customs-declaration` -> `CustomsDeclarationV1`, the component name of a document schema. */
export function componentName(type: DocumentType, version = 'v1'): string {
  return type.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()) + version.toUpperCase();
}

/**
 * The document schemas as OpenAPI 3.1 components, from the very files the validator
 * and the codec use. Each schema's `$defs` become components of their own
 * (`CustomsDeclarationV1.party`) so every viewer resolves the references.
 */
export function documentComponents(schemas: SchemaCatalog): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  for (const entry of schemas.list()) {
    const name = componentName(entry.type, entry.version);
    Object.assign(
      components,
      schemaComponents(name, entry.schema, { xml: { name: entry.type, namespace: documentNamespace(entry.type) } }),
    );
  }
  return components;
}

/**
 * A self-contained JSON Schema file as components: the root as `name`, each of its
 * `$defs` as `name.def`, local references rewritten to match. Paths then refer to
 * `#/components/schemas/...`, which every viewer resolves, instead of the file's `$id`.
 */
export function schemaComponents(
  name: string,
  schema: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { $schema: _schema, $id: _id, $defs: defs, ...root } = schema;
  const rewrite = (node: unknown) => rewriteRefs(node, name);
  const components: Record<string, unknown> = { [name]: { ...(rewrite(root) as object), ...extra } };
  for (const [defName, def] of Object.entries((defs ?? {}) as Record<string, unknown>)) components[`${name}.${defName}`] = rewrite(def);
  return components;
}

function rewriteRefs(node: unknown, prefix: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, prefix));
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')
        ? `#/components/schemas/${prefix}.${value.slice('#/$defs/'.length)}`
        : rewriteRefs(value, prefix);
  }
  return copy;
}
