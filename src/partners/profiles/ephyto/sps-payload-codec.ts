import { create } from 'xmlbuilder2';
import { decodeSpsCertificate } from '../../../ephyto/sps-certificate-decoder.js';
import { encodeSpsCertificate } from '../../../ephyto/sps-certificate-encoder.js';
import { SPS_CERTIFICATE_NS } from '../../../ephyto/sps-namespaces.js';
import type { PayloadCodec } from '../partner-profile.js';

/**
 * The real UN/CEFACT SPSCertificate D17A as a profile payload, in its own
 * namespaces. It has no element map: D17A, not a generated profile schema, says
 * what a valid one is (src/ephyto/).
 */
export const spsPayloadCodec: PayloadCodec = {
  root: 'SPSCertificate',
  namespace: SPS_CERTIFICATE_NS,
  encode(data, parent) {
    parent.import(create(encodeSpsCertificate(data)));
  },
  decode(content) {
    return decodeSpsCertificate(content);
  },
};
