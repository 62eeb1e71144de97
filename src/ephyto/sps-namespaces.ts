/** The namespaces of the UN/CEFACT SPS certificate D17A and its data types (UDT/QDT 21). */
export const SPS_CERTIFICATE_NS = 'urn:un:unece:uncefact:data:standard:SPSCertificate:17';
export const SPS_ACKNOWLEDGEMENT_NS = 'urn:un:unece:uncefact:data:standard:SPSAcknowledgement:17';
export const RAM_NS = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21';
export const UDT_NS = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** UN/CEFACT 1001 document name code of a phytosanitary certificate. */
export const PHYTOSANITARY_TYPE_CODE = '851';
/** UN/CEFACT 4405 status of an issued certificate; absent from the canonical document means this. */
export const ISSUED_STATUS_CODE = '70';
/** A withdrawn certificate. */
export const WITHDRAWN_STATUS_CODE = '40';
