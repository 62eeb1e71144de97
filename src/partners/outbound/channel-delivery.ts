import type { TradeDocument } from '../../kernel/document-record.js';
import type { PartnerDirectory } from '../directory/partner-directory.js';
import { channelFor } from '../directory/partner.js';
import type { HubDelivery } from './hub-delivery.js';
import type { PartnerDelivery } from './partner-delivery.js';
import type { PartnerSendJob } from './partner-transition-hook.js';

/** Sends each queued exchange by its partner's channel for the document's type: the partner's gateway or the ePhyto hub. */
export class ChannelDelivery {
  constructor(
    private readonly documents: { get(id: string): Promise<TradeDocument | undefined> },
    private readonly directory: PartnerDirectory,
    private readonly gateway: PartnerDelivery,
    private readonly hub: HubDelivery,
  ) {}

  async deliver(job: PartnerSendJob): ReturnType<PartnerDelivery['deliver']> {
    const document = await this.documents.get(job.documentId);
    const partner = this.directory.find(job.country);
    if (document && partner && channelFor(partner, document.type) === 'ephyto-hub') return this.hub.deliver(job);
    return this.gateway.deliver(job);
  }
}
