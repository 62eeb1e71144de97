import type { HubTrackingInfo } from './hub-envelope.js';

/** The exchange's transport statuses (docs/partners.md) a hub tracking state stands for. */
export function transportStatusOf(
  state: HubTrackingInfo,
): 'WAITING_FOR_RECEIPT' | 'ACKNOWLEDGED' | 'ACKNOWLEDGED_WITH_WARNING' | 'SEND_FAILURE' {
  switch (state) {
    case 'PendingDelivery':
      return 'WAITING_FOR_RECEIPT';
    case 'Delivered':
      return 'ACKNOWLEDGED';
    case 'DeliveredWithWarnings':
      return 'ACKNOWLEDGED_WITH_WARNING';
    // The importing NPPO could not read it, refused it, or the hub lost it: resending the same certificate cannot help.
    case 'FailedDelivery':
    case 'DeliveredNotReadable':
    case 'EnvelopeNotExists':
      return 'SEND_FAILURE';
  }
}
