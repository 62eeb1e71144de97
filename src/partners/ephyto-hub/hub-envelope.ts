/** The hub's EnvelopeHeader (HUB.Entities), as the WSDL names its members. */
export interface HubEnvelopeHeader {
  From: string;
  To: string;
  /** 851: phytosanitary certificate; 657: re-export certificate. */
  CertificateType: number;
  /** The certificate's StatusCode (70 issued, 40 withdrawn, ...). */
  CertificateStatus: number;
  NPPOCertificateNumber: string;
  hubDeliveryNumber?: string;
  HUBTrackingInfo?: HubTrackingInfo;
  hubDeliveryErrorMessage?: string;
}

export interface HubEnvelope extends HubEnvelopeHeader {
  /** The SPSCertificate XML, as text. */
  Content?: string;
}

/** The hub's six tracking states (HUB.Entities HUBTrackingInfo). */
export const HUB_TRACKING_STATES = [
  'PendingDelivery',
  'Delivered',
  'FailedDelivery',
  'EnvelopeNotExists',
  'DeliveredWithWarnings',
  'DeliveredNotReadable',
] as const;
export type HubTrackingInfo = (typeof HUB_TRACKING_STATES)[number];

/** The WSDL's DeliveryService as the `soap` package builds its client (promise methods end in Async). */
export interface DeliveryServiceSoap {
  DeliverEnvelopeAsync(args: { env: HubEnvelope }): Promise<[{ DeliverEnvelopeResult?: HubEnvelopeHeader }]>;
  GetImportEnvelopeHeadersAsync(args: {
    countryCode: string;
  }): Promise<[{ GetImportEnvelopeHeadersResult?: { EnvelopeHeader?: HubEnvelopeHeader | HubEnvelopeHeader[] } } | null]>;
  PULLSingleImportEnvelopeAsync(args: { hubTrackingNumber: string }): Promise<[{ PULLSingleImportEnvelopeResult?: HubEnvelope }]>;
  AcknowledgeEnvelopeReceiptAsync(args: { hubTrackingNumber: string }): Promise<unknown>;
  AcknowledgeFailedEnvelopeReceiptAsync(args: { hubTrackingNumber: string; message: string }): Promise<unknown>;
  GetEnvelopeTrackingInfoAsync(args: { hubTrackingNumber: string }): Promise<[{ GetEnvelopeTrackingInfoResult?: HubEnvelopeHeader }]>;
}
