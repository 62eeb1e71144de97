import { mappedCodec } from '../mapped-codec.js';
import type { PartnerProfile } from '../partner-profile.js';
import { koreaOriginCertificateMap } from './origin-certificate-map.js';

const namespace = 'urn:single-window:profile:kr:1';

/** Korea: electronic certificate of origin data exchange (AKFTA and VKFTA). */
export const krProfile: PartnerProfile = {
  name: 'kr',
  description: 'Korea Customs Service electronic origin data exchange: certificates of origin (Form AK, Form VK).',
  namespace,
  codecs: {
    'certificate-of-origin': mappedCodec(namespace, 'CoDocument', koreaOriginCertificateMap),
  },
};
