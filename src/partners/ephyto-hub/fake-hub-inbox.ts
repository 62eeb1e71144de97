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
}
