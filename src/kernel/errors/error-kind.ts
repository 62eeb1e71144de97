/**
 * What went wrong, in the words the edges need to react: the HTTP platform turns a
 * kind into a status, the messaging platform into ack, retry or dead-letter.
 * The first seven arise in use cases; the last five only at the HTTP edge.
 */
export const ERROR_KINDS = [
  'malformed',
  'invalid',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'transient',
  'too-large',
  'unsupported-media-type',
  'not-acceptable',
  'rate-limited',
  'timeout',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];
