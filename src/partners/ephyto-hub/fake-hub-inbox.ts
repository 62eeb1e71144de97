import type { HubInbox, PulledEnvelope } from './hub-inbox.js';

export class FakeHubInbox implements HubInbox {
  readonly envelopes = new Map<string, PulledEnvelope>();

  async store(envelope: PulledEnvelope): Promise<boolean> {
    if (this.envelopes.has(envelope.hubDeliveryNumber)) return false;
    this.envelopes.set(envelope.hubDeliveryNumber, envelope);
    return true;
  }

  async find(hubDeliveryNumber: string): Promise<PulledEnvelope | undefined> {
    return this.envelopes.get(hubDeliveryNumber);
  }

  async markSubmitted(hubDeliveryNumber: string, documentId: string): Promise<void> {
    const envelope = this.envelopes.get(hubDeliveryNumber);
    if (envelope) envelope.documentId = documentId;
  }

  async unsubmitted(limit: number): Promise<PulledEnvelope[]> {
    return [...this.envelopes.values()].filter((envelope) => envelope.outcome === 'accepted' && !envelope.documentId).slice(0, limit);
  }
}
