import type { ErrorKind } from './error-kind.js';

interface CodeEntry {
  kind: ErrorKind;
  /** One line for the table of codes in docs/errors.md. */
  means: string;
}

/**
 * Every stable error code the service answers with, defined once. Clients and
 * dashboards key on these; docs/errors.md is checked against this table.
 */
export const ERROR_CODES = {
  'AGENCY.NOT_FOUND': { kind: 'not-found', means: 'No agency with this code is registered' },
  'AMENDMENT.INVALID': { kind: 'invalid', means: 'The amendment is not valid' },
  'AMENDMENT.LIMIT_REACHED': { kind: 'conflict', means: 'The document has all the amendments it accepts' },
  'AMENDMENT.NOT_AWAITED': { kind: 'conflict', means: 'No agency is waiting for an answer (the document is not NEEDS_INFO)' },
  'API_KEY.ID_COLLISION': { kind: 'conflict', means: 'A generated key id exists already (retry)' },
  'API_KEY.NOT_FOUND': { kind: 'not-found', means: 'No such API key' },
  'AUTH.INVALID_API_KEY': { kind: 'unauthenticated', means: 'The API key is not valid or has been revoked' },
  'AUTH.INVALID_TOKEN': { kind: 'unauthenticated', means: 'The operator token is not valid' },
  'AUTH.MISSING_API_KEY': { kind: 'unauthenticated', means: 'No API key was sent as `Authorization: Bearer <key>`' },
  'AUTH.MISSING_TOKEN': { kind: 'unauthenticated', means: 'No operator token was sent' },
  'AUTH.WRONG_AGENCY': { kind: 'forbidden', means: 'The agency key belongs to another agency' },
  'CODE_LIST.NOT_FOUND': { kind: 'not-found', means: 'No code list of this name' },
  'DECISION.AGENCY_MISMATCH': { kind: 'invalid', means: 'The decision names another agency than the one sending it' },
  'DECISION.AGENCY_NOT_ROUTED': { kind: 'conflict', means: 'The document was not routed to this agency' },
  'DECISION.ALREADY_FINAL': { kind: 'conflict', means: 'The agency has decided finally already' },
  'DECISION.DOCUMENT_CLOSED': { kind: 'conflict', means: 'The document is APPROVED or REJECTED' },
  'DECISION.INVALID': { kind: 'invalid', means: 'The decision does not match its schema' },
  'DECISION.MISSING_MESSAGE_ID': { kind: 'invalid', means: 'The decision message has no usable messageId' },
  'DECISION.NOT_YET_DISPATCHED': { kind: 'conflict', means: 'The agency has not been sent the document yet' },
  'DECISION.REGISTER_REFUSED': {
    kind: 'conflict',
    means: 'The approval was refused: a cited register entry cannot give what the declaration takes; the declaration is NEEDS_INFO',
  },
  'DECISION.ROUTING_KEY_MISMATCH': { kind: 'invalid', means: "The routing key is not the deciding agency's code" },
  'DECISION.TOO_LARGE': { kind: 'invalid', means: 'The decision message is larger than its limit' },
  'DECISION.TOO_MANY': { kind: 'conflict', means: 'The agency has sent all the decisions one document keeps' },
  'DECISION.UNKNOWN_AGENCY': { kind: 'invalid', means: 'The decision names an agency that is not registered' },
  'DECISION.UNPARSABLE': { kind: 'malformed', means: 'The decision message is not JSON' },
  'DOCUMENT.BUSY': { kind: 'transient', means: 'The document is being changed by others; retry' },
  'DOCUMENT.INVALID_TRANSITION': { kind: 'conflict', means: 'The document cannot move to that status from its current one' },
  'DOCUMENT.NOT_FOUND': { kind: 'not-found', means: 'No document with this id is visible to the caller' },
  'DOCUMENT.TYPE_MISMATCH': { kind: 'malformed', means: 'The XML root element names another document type than expected' },
  'DOCUMENT.UNKNOWN_TYPE': { kind: 'malformed', means: 'The type (or XML root element) is not a document type' },
  'EPHYTO.NOT_A_CERTIFICATE': { kind: 'malformed', means: 'The XML is not an SPSCertificate in the UN/CEFACT SPS certificate namespace' },
  'EPHYTO.NOT_PHYTOSANITARY': { kind: 'invalid', means: 'The document is not a phytosanitary certificate, so it has no ePhyto form' },
  'ENTERPRISE.NOT_FOUND': { kind: 'not-found', means: 'No such enterprise' },
  'ENTERPRISE.TAX_ID_TAKEN': { kind: 'conflict', means: 'An enterprise with this tax code is registered already' },
  'IDEMPOTENCY.IN_FLIGHT': { kind: 'conflict', means: 'A request with this Idempotency-Key is still being processed' },
  'IDEMPOTENCY.KEY_INVALID': { kind: 'malformed', means: 'The Idempotency-Key header is not an accepted key' },
  'IDEMPOTENCY.KEY_REUSED': { kind: 'invalid', means: 'The Idempotency-Key was used for a different request' },
  'INTERNAL.UNEXPECTED': { kind: 'internal', means: 'A failure of the service itself; quote the request id' },
  'JSON.TOO_DEEP': { kind: 'malformed', means: 'The JSON body nests objects and arrays deeper than JSON_MAX_DEPTH' },
  'PARTNER.INVALID': { kind: 'invalid', means: 'The partner directory entry is not valid' },
  'PARTNER.INVALID_COUNTRY': { kind: 'malformed', means: 'The country is not an ISO 3166 alpha-2 code' },
  'PARTNER.NOT_FOUND': { kind: 'not-found', means: 'No partner for this country' },
  'PARTNER.UNKNOWN_CONVERSATION': { kind: 'invalid', means: 'A partner answer refers to no document of ours' },
  'QUERY.INVALID_CURSOR': { kind: 'malformed', means: 'The cursor is not one this service returned' },
  'QUERY.INVALID_PARAMETER': { kind: 'malformed', means: 'A query parameter has an unaccepted value' },
  'QUERY.UNKNOWN_PARAMETER': { kind: 'malformed', means: 'A query parameter is not one this endpoint takes' },
  'RATE_LIMIT.EXCEEDED': { kind: 'rate-limited', means: 'Too many requests for this key or path; see Retry-After' },
  'REQUEST.ABORTED': { kind: 'malformed', means: 'The client aborted the request' },
  'REQUEST.BODY_TOO_LARGE': { kind: 'too-large', means: 'The body is larger than BODY_LIMIT_BYTES' },
  'REQUEST.BODY_TOO_SLOW': {
    kind: 'timeout',
    means: 'The body arrived slower than HTTP_MIN_BODY_BYTES_PER_SECOND; the connection is closed',
  },
  'REQUEST.INVALID_ENVELOPE': { kind: 'malformed', means: 'The JSON body is not {"type": ..., "data": {...}}' },
  'REQUEST.MALFORMED_ENCODING': {
    kind: 'malformed',
    means: 'The body could not be decoded as its Content-Encoding says (not gzip, truncated, ...)',
  },
  'REQUEST.MALFORMED_JSON': { kind: 'malformed', means: 'The body is not valid JSON' },
  'REQUEST.NOT_ACCEPTABLE': { kind: 'not-acceptable', means: 'The resource is not available in the Accept-ed media types' },
  'REQUEST.SIZE_MISMATCH': { kind: 'malformed', means: 'The body does not match its Content-Length' },
  'REQUEST.TIMEOUT': {
    kind: 'timeout',
    means:
      'The headers or the whole request did not arrive within HTTP_HEADERS_TIMEOUT_MS or HTTP_REQUEST_TIMEOUT_MS; the connection is closed',
  },
  'REQUEST.UNSUPPORTED_CHARSET': { kind: 'unsupported-media-type', means: 'The body charset is not supported' },
  'REQUEST.UNSUPPORTED_ENCODING': { kind: 'unsupported-media-type', means: 'The Content-Encoding is not supported' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': { kind: 'unsupported-media-type', means: 'The Content-Type is not accepted here' },
  'REGISTER.BELOW_DRAWN': { kind: 'conflict', means: 'The amended quantity is less than declarations have drawn already' },
  'REGISTER.BUSY': { kind: 'transient', means: 'The register entry is being changed by others; retry' },
  'REGISTER.ENTRY_NOT_FOUND': { kind: 'not-found', means: 'No register entry with this id is visible to the caller' },
  'REGISTER.ENTRY_REVOKED': { kind: 'conflict', means: 'The register entry is revoked and cannot be amended' },
  'REGISTER.INVALID_CHANGE': { kind: 'invalid', means: 'The revocation or amendment is not valid' },
  'RESOURCE.NOT_FOUND': { kind: 'not-found', means: 'The resource does not exist' },
  'ROUTE.NOT_FOUND': { kind: 'not-found', means: 'No route for this method and path' },
  'ROUTING.RULE_SET_NOT_FOUND': { kind: 'not-found', means: 'No routing rule set of this version' },
  'SCHEMA.NOT_FOUND': { kind: 'not-found', means: 'No schema for this document type' },
  'VALIDATION.FAILED': { kind: 'invalid', means: 'The document is not valid; `errors[]` lists the problems' },
  'XML.DOCTYPE_FORBIDDEN': { kind: 'malformed', means: 'The XML contains a DOCTYPE or ENTITY declaration' },
  'XML.FORBIDDEN_NAME': { kind: 'malformed', means: 'The XML uses an element or attribute name that is not accepted' },
  'XML.MALFORMED': { kind: 'malformed', means: 'The XML is not well-formed' },
  'XML.NAME_TOO_LONG': { kind: 'malformed', means: 'An XML name is longer than XML_MAX_NAME_LENGTH' },
  'XML.NAMESPACE_MISMATCH': { kind: 'malformed', means: "The root element is not in its document type's namespace" },
  'XML.TEXT_TOO_LONG': { kind: 'malformed', means: 'An XML text run, CDATA section or attribute value is longer than XML_MAX_TEXT_LENGTH' },
  'XML.TOO_DEEP': { kind: 'malformed', means: 'The XML nests elements deeper than XML_MAX_DEPTH' },
  'XML.TOO_MANY_ATTRIBUTES': { kind: 'malformed', means: 'An XML element has more attributes than XML_MAX_ATTRIBUTES' },
  'XML.TOO_MANY_ELEMENTS': { kind: 'malformed', means: 'The XML has more elements than XML_MAX_ELEMENTS' },
} as const satisfies Record<string, CodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;
