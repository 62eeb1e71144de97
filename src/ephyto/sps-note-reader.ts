import type { Note } from './phytosanitary-certificate.js';
import { text, texts } from './sps-nodes.js';

/** An SPSNote by its subject code; several Content elements read as lines of one text. */
export function readNote(node: unknown): Note | undefined {
  const subject = text(node, 'Subject') ?? text(node, 'SubjectCode');
  const content = texts(node, 'Content').join('\n');
  return subject === undefined || content === '' ? undefined : { subject, content };
}
