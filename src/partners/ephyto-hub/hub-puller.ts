import type { ForeignXmlFormat } from '../../kernel/foreign-xml-format.js';
import type { HubClient } from './hub-client.js';
import type { HubInbox, PulledEnvelope } from './hub-inbox.js';

export interface PullOutcome {
  hubDeliveryNumber: string;
  result: 'accepted' | 'refused' | 'duplicate';
  reason?: string;
}

/**
 * One round of the import side: list the envelopes waiting for this country,
 * pull each, store it, and only then acknowledge it, positively, or negatively
 * with the reason an unreadable certificate was refused.
 */
export class HubPuller {
  constructor(
    private readonly hub: HubClient,
    private readonly inbox: HubInbox,
    private readonly reader: ForeignXmlFormat,
    private readonly country: string,
    private readonly onAccepted: (envelope: PulledEnvelope) => Promise<void> = async () => {},
  ) {}

  async pullOnce(): Promise<PullOutcome[]> {
    const outcomes: PullOutcome[] = [];
    for (const header of await this.hub.importHeaders(this.country)) {
      if (!header.hubDeliveryNumber) continue;
      outcomes.push(await this.pullOne(header.hubDeliveryNumber));
    }
    return outcomes;
  }

  private async pullOne(number: string): Promise<PullOutcome> {
    const stored = await this.inbox.find(number);
    // Stored by an earlier round that stopped before acknowledging: acknowledge again, process nothing twice.
    if (stored) {
      await this.acknowledge(stored);
      return { hubDeliveryNumber: number, result: 'duplicate' };
    }
    const envelope = await this.hub.pull(number);
    const content = envelope?.Content ?? '';
    const pulled: PulledEnvelope = {
      hubDeliveryNumber: number,
      from: envelope?.From ?? '',
      certificateNumber: envelope?.NPPOCertificateNumber ?? '',
      certificateStatus: Number(envelope?.CertificateStatus ?? 0),
      content,
      outcome: 'accepted',
      warnings: [],
      pulledAt: new Date(),
    };
    try {
      const reading = this.reader.read(content);
      pulled.data = reading.data;
      pulled.warnings = reading.warnings.map((warning) => warning.message);
    } catch (error) {
      pulled.outcome = 'refused';
      pulled.reason = error instanceof Error ? error.message : String(error);
    }
    if (!(await this.inbox.store(pulled))) return { hubDeliveryNumber: number, result: 'duplicate' };
    await this.acknowledge(pulled);
    if (pulled.outcome === 'accepted') await this.onAccepted(pulled);
    return { hubDeliveryNumber: number, result: pulled.outcome, ...(pulled.reason ? { reason: pulled.reason } : {}) };
  }

  private async acknowledge(pulled: PulledEnvelope): Promise<void> {
    if (pulled.outcome === 'accepted') await this.hub.acknowledge(pulled.hubDeliveryNumber);
    else await this.hub.acknowledgeFailed(pulled.hubDeliveryNumber, pulled.reason ?? 'unreadable');
  }
}
