import type { InboundMessage } from './inbound-message.js';
import type { InboundMessageStore } from './inbound-message-store.js';

export class FakeInboundMessageStore implements InboundMessageStore {
  readonly messages = new Map<string, InboundMessage>();

  async insert(message: InboundMessage): Promise<InboundMessage | undefined> {
    const existing = await this.find(message.from, message.messageId);
    if (existing) return existing;
    this.messages.set(message.id, structuredClone(message));
    return undefined;
  }

  async find(from: string, messageId: string): Promise<InboundMessage | undefined> {
    const found = [...this.messages.values()].find((m) => m.from === from && m.messageId === messageId);
    return found && structuredClone(found);
  }

  async claim(now: Date, leaseUntil: Date, id?: string): Promise<InboundMessage | undefined> {
    const found = [...this.messages.values()].find(
      (m) => (id === undefined || m.id === id) && m.state === 'RECEIVED' && m.leaseUntil <= now,
    );
    if (!found) return undefined;
    found.leaseUntil = leaseUntil;
    found.attempts += 1;
    return structuredClone(found);
  }

  async markProcessed(id: string, documentId: string | undefined, at: Date): Promise<void> {
    const message = this.messages.get(id);
    if (message) Object.assign(message, { state: 'PROCESSED', processedAt: at, ...(documentId ? { documentId } : {}) });
  }

  async markFailed(id: string, reason: string, retryAt: Date, final: boolean): Promise<void> {
    const message = this.messages.get(id);
    if (message) Object.assign(message, { lastError: reason, leaseUntil: retryAt, state: final ? 'FAILED' : 'RECEIVED' });
  }
}
