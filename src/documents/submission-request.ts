import type { Request } from 'express';
import { isDocumentType } from '../catalog/schema-catalog.js';
import { DomainError, malformed } from '../kernel/errors/domain-error.js';
import type { ForeignXmlFormat, FormatWarning } from '../kernel/foreign-xml-format.js';
import type { DocumentXmlCodec } from '../xml/document-xml-codec.js';
import { DOCUMENT_TYPES, type DocumentType } from '../kernel/document-record.js';

export const JSON_TYPES = ['application/json', 'application/*+json'];
export const XML_TYPES = ['application/xml', 'text/xml', 'application/*+xml'];

export interface SubmissionRequest {
  type: DocumentType;
  data: Record<string, unknown>;
  sourceFormat: 'json' | 'xml';
  /** What makes two requests "the same" for Idempotency-Key: format, type and body (computed only when needed). */
  fingerprint: () => string;
  /** What a foreign format (an NPPO's SPSCertificate) deviates in without being unreadable. */
  warnings?: FormatWarning[];
}

/**
 * Reads a submission as its Content-Type says: JSON `{"type", "data"}` or an XML
 * document whose root element names the type (decoded by the schema-driven codec),
 * or an XML document in a foreign format intake accepts as it stands (an SPSCertificate).
 */
export function readSubmission(req: Request, codec: DocumentXmlCodec, formats: readonly ForeignXmlFormat[] = []): SubmissionRequest {
  if (req.is(JSON_TYPES)) return readJson(req.body);
  if (req.is(XML_TYPES)) {
    if (typeof req.body !== 'string' || req.body.trim() === '') throw malformed('XML.MALFORMED', 'The request has no XML document');
    const body = req.body;
    const foreign = formats.find((format) => format.recognises(body));
    if (foreign) {
      const { type, data, warnings } = foreign.read(body);
      return { type, data, sourceFormat: 'xml', warnings, fingerprint: () => `xml\n${type}\n${body}` };
    }
    const { type, data } = codec.read(body);
    return { type, data, sourceFormat: 'xml', fingerprint: () => `xml\n${type}\n${body}` };
  }
  throw new DomainError(
    'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    'Send the document as application/json ({"type", "data"}) or as application/xml',
    {
      details: { accepted: ['application/json', 'application/xml', 'text/xml'] },
    },
  );
}

function readJson(body: unknown): SubmissionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw malformed('REQUEST.INVALID_ENVELOPE', 'The body must be a JSON object {"type": ..., "data": {...}}');
  }
  const extra = Object.keys(body).filter((key) => key !== 'type' && key !== 'data');
  if (extra.length > 0) {
    throw malformed('REQUEST.INVALID_ENVELOPE', 'The body has members besides "type" and "data"', {
      members: extra.slice(0, 10).map((key) => key.slice(0, 64)),
    });
  }
  const { type, data } = body as { type?: unknown; data?: unknown };
  if (!isDocumentType(type)) {
    throw new DomainError('DOCUMENT.UNKNOWN_TYPE', '"type" must name a document type', {
      details: { allowedTypes: DOCUMENT_TYPES },
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw malformed('REQUEST.INVALID_ENVELOPE', '"data" must be the document as a JSON object');
  }
  return { type, data: data as Record<string, unknown>, sourceFormat: 'json', fingerprint: () => `json\n${type}\n${JSON.stringify(data)}` };
}
