import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENT_TYPES, type DocumentType } from '../kernel/document-record.js';
import { schemasDir } from '../platform/project-root.js';
import { compileShape, type Shape } from './schema-shape.js';

export const SCHEMA_VERSION = 'v1';

export interface SchemaEntry {
  type: DocumentType;
  version: string;
  title: string;
  description: string;
  schema: Record<string, unknown>;
  /** The schema compiled for the XML codec and the schema-driven rules. */
  shape: Shape;
}

/** The JSON Schemas of the document types, read once at start-up from `schemas/<type>/<version>.json`. */
export class SchemaCatalog {
  private constructor(private readonly entries: Map<DocumentType, SchemaEntry>) {}

  static load(directory = schemasDir): SchemaCatalog {
    const entries = new Map<DocumentType, SchemaEntry>();
    for (const type of DOCUMENT_TYPES) {
      const file = path.join(directory, type, `${SCHEMA_VERSION}.json`);
      const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      entries.set(type, {
        type,
        version: SCHEMA_VERSION,
        title: String(schema.title),
        description: String(schema.description),
        schema,
        shape: compileShape(schema),
      });
    }
    return new SchemaCatalog(entries);
  }

  get(type: DocumentType): SchemaEntry {
    const entry = this.entries.get(type);
    if (!entry) throw new Error(`no schema for ${type}`);
    return entry;
  }

  list(): SchemaEntry[] {
    return [...this.entries.values()];
  }
}

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}
