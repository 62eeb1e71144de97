/**
 * What went wrong, in the words the edges need to react: the HTTP platform turns a
 * kind into a status, the messaging platform into ack, retry or dead-letter.
 * The first eight arise in use cases; the rest only at the HTTP edge.
 */
export const ERROR_KINDS = [
  'malformed',
  'invalid',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'transient',
  'internal',
  'too-large',
  'unsupported-media-type',
  'not-acceptable',
  'rate-limited',
  'timeout',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];
