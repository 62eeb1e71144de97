import { malformed } from '../kernel/errors/domain-error.js';
import type { PagePosition } from './document-store.js';

const ID = /^[0-9a-f-]{36}$/;

/** An opaque page cursor: the (submittedAt, id) of the last document of the previous page. */
export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.submittedAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): PagePosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && ID.test(value[1])) {
      const submittedAt = new Date(value[0]);
      if (!Number.isNaN(submittedAt.getTime())) return { submittedAt, id: value[1] };
    }
  } catch {
    // Falls through to the same answer as any other unreadable cursor.
  }
  throw malformed('QUERY.INVALID_CURSOR', 'The cursor is not one this service returned');
}
