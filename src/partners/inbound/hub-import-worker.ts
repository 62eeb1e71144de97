import type { ForeignXmlFormat } from '../../kernel/foreign-xml-format.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { Worker } from '../../platform/service-context.js';
import { partnerOwner, type InboundDocumentIntake } from './inbound-document-intake.js';
import type { PartnerDocumentFinder } from '../outbound/partner-document-finder.js';
import type { HubClient } from '../ephyto-hub/hub-client.js';
import type { HubInbox, PulledEnvelope } from '../ephyto-hub/hub-inbox.js';
import { HubPuller } from '../ephyto-hub/hub-puller.js';

export interface HubImportOptions {
  /** This country's NPPO code: whose import envelopes are pulled. */
  nppoCode: string;
  intervalMs: number;
  /** Stored envelopes submitted per round. */
  batch: number;
}

/** The partner message id of a document pulled from the hub: its delivery number, which the hub never reuses. */
export const hubMessageId = (hubDeliveryNumber: string) => `ephyto-hub:${hubDeliveryNumber}`;

/**
 * The `partner-gateway` role's import side of the hub: every interval, pull,
 * store and acknowledge what waits for this country (HubPuller), then submit
 * each stored certificate not yet submitted like an inbound partner document
 * (owner `partner:<CC>`), so routing sends it to the plant protection agency.
 * Submitting from the store, not from the pull, means a crash after
 * acknowledging loses nothing; the document found by its message id means a
 * retried submit creates nothing twice.
 */
export class HubImportWorker {
  private running = false;

  constructor(
    private readonly hub: () => Promise<HubClient>,
    private readonly inbox: HubInbox,
    private readonly reader: ForeignXmlFormat,
    private readonly intake: InboundDocumentIntake,
    private readonly finder: PartnerDocumentFinder,
    private readonly options: HubImportOptions,
    private readonly logger: Logger,
  ) {}

  start(): Worker {
    const timer = setInterval(() => void this.round(), this.options.intervalMs);
    void this.round();
    return { stop: async () => clearInterval(timer) };
  }

  /** One pull and submit round; rounds never overlap. */
  async round(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const outcomes = await new HubPuller(await this.hub(), this.inbox, this.reader, this.options.nppoCode).pullOnce();
      for (const outcome of outcomes) if (outcome.result === 'refused') this.logger.warn('ePhyto from the hub refused', { ...outcome });
    } catch (error) {
      this.logger.warn('ePhyto hub pull failed; trying again next round', { reason: (error as Error).message });
    } finally {
      try {
        for (const envelope of await this.inbox.unsubmitted(this.options.batch)) await this.submit(envelope);
      } catch (error) {
        this.logger.warn('ePhyto inbox unreachable; trying again next round', { reason: (error as Error).message });
      }
      this.running = false;
    }
  }

  private async submit(envelope: PulledEnvelope): Promise<void> {
    const messageId = hubMessageId(envelope.hubDeliveryNumber);
    try {
      const existing = await this.finder.byInboundMessage(envelope.from, messageId);
      const documentId =
        existing ??
        (
          await this.intake.submit({
            enterpriseId: partnerOwner(envelope.from),
            type: 'phytosanitary-certificate',
            data: envelope.data ?? {},
            sourceFormat: 'xml',
            origin: { channel: 'partner', partnerCountry: envelope.from, partnerMessageId: messageId },
          })
        ).id;
      await this.inbox.markSubmitted(envelope.hubDeliveryNumber, documentId);
      this.logger.info('ePhyto from the hub submitted', { from: envelope.from, hubDeliveryNumber: envelope.hubDeliveryNumber, documentId });
    } catch (error) {
      this.logger.warn('ePhyto from the hub not submitted; trying again next round', {
        hubDeliveryNumber: envelope.hubDeliveryNumber,
        reason: (error as Error).message,
      });
    }
  }
}
