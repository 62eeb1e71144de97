import { EventEmitter } from 'node:events';
import type { OutboxEntry } from '../kernel/document-record.js';

/**
 * The path from a write to the relay of the same process. Once a write is stored,
 * `notify` wakes the relay and names the document, which the relay then claims by id
 * instead of waiting for its next search: through the store, like any claim, so a
 * relay elsewhere that took the document first keeps it. Without a relay listening in
 * this process nothing is kept; relays in other processes find the entries by polling.
 */
export class OutboxSignal {
  private readonly emitter = new EventEmitter();
  private pending = false;
  private listening = false;
  private readonly documents = new Set<string>();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** The relay of this process starts taking the notified documents; the answer stops it. */
  listen(): () => void {
    this.listening = true;
    return () => {
      this.listening = false;
      this.documents.clear();
    };
  }

  /** A write is stored: a document with pending entries (or named alone) is for the relay to claim. */
  notify(documentId?: string, entries: readonly OutboxEntry[] = []): void {
    // Kept only while a relay listens: nobody else would ever take them.
    if (documentId !== undefined && this.listening && (entries.length === 0 || entries.some((entry) => entry.state === 'PENDING')))
      this.documents.add(documentId);
    this.pending = true;
    this.emitter.emit('notify');
  }

  /** Documents to claim by id since the last call. */
  takeDocuments(): string[] {
    const ids = [...this.documents];
    this.documents.clear();
    return ids;
  }

  /** Resolves on the next notify (or at once if one came since the last wait), or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.removeListener('notify', done);
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.once('notify', done);
    });
  }
}
