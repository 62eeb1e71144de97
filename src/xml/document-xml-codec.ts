import type { Shape } from '../catalog/schema-shape.js';
import { isDocumentType, SCHEMA_VERSION, type SchemaCatalog } from '../catalog/schema-catalog.js';
import type { DocumentType } from '../kernel/document-record.js';
import { validationFailed } from '../kernel/validation-issue.js';
import { cutShort } from '../kernel/errors/cut-short.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import { parseUntrustedXmlTree, type XmlLimits } from './safe-xml-parser.js';
import { decodeXmlContent } from './xml-decoder.js';
import { encodeXml } from './xml-encoder.js';
import { xmlPathOf } from './xml-paths.js';

/** `urn:single-window:<type>:v1`, the namespace of a document type's XML. */
export function documentNamespace(type: DocumentType): string {
  return `urn:single-window:${type}:${SCHEMA_VERSION}`;
}

/**
 * The one XML codec of all document types, driven by their JSON Schemas: the root
 * element is the type name in the type's namespace, element names are the JSON
 * member names, arrays are wrapper elements holding item elements named by the
 * schema (`xml.name`), and no attributes are used.
 */
export class DocumentXmlCodec {
  private readonly shapes = new Map<DocumentType, Shape>();

  constructor(
    catalog: SchemaCatalog,
    private readonly limits: XmlLimits,
    /** Most structure problems one read reports (VALIDATION_MAX_ERRORS). */
    private readonly maxIssues = 100,
  ) {
    for (const entry of catalog.list()) this.shapes.set(entry.type, entry.shape);
  }

  /** Reads an XML document of any type; its root element names the type. Throws malformed `XML.*` errors, and validation issues for structure. */
  read(xml: string): { type: DocumentType; data: Record<string, unknown> } {
    const parsed = parseUntrustedXmlTree(xml, this.limits);
    if (!isDocumentType(parsed.root)) {
      throw new DomainError('DOCUMENT.UNKNOWN_TYPE', `The root element <${cutShort(parsed.root)}> is not a document type`, {
        details: { allowedTypes: [...this.shapes.keys()] },
      });
    }
    const type = parsed.root;
    if (parsed.namespace !== undefined && parsed.namespace !== documentNamespace(type)) {
      throw new DomainError('XML.NAMESPACE_MISMATCH', `The root element must be in the namespace ${documentNamespace(type)}`, {
        details: { expected: documentNamespace(type), found: cutShort(parsed.namespace) },
      });
    }
    const { data, issues, truncated } = decodeXmlContent(this.shape(type), parsed.element, `/${type}`, this.maxIssues);
    if (issues.length > 0) throw validationFailed(issues, truncated);
    return { type, data: data as Record<string, unknown> };
  }

  /** Reads an XML document that must be of the given type. */
  decode(type: DocumentType, xml: string): Record<string, unknown> {
    const document = this.read(xml);
    if (document.type !== type) {
      throw new DomainError('DOCUMENT.TYPE_MISMATCH', `Expected a <${type}> document, got <${document.type}>`);
    }
    return document.data;
  }

  /** The XML of a valid document; `pretty` indents it for people (the text content is unchanged). */
  encode(type: DocumentType, data: Record<string, unknown>, options: { pretty?: boolean } = {}): string {
    return encodeXml(this.shape(type), data, type, documentNamespace(type), options.pretty);
  }

  xmlPathOf(type: DocumentType, pointer: string): string {
    return xmlPathOf(this.shape(type), type, pointer);
  }

  shape(type: DocumentType): Shape {
    const shape = this.shapes.get(type);
    if (!shape) throw new Error(`no shape for ${type}`);
    return shape;
  }
}
