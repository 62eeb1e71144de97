import { mappedCodec } from '../../../src/partners/profiles/mapped-codec.js';
import type { PartnerProfile } from '../../../src/partners/profiles/partner-profile.js';
import { koreaOriginCertificateMap } from './origin-certificate-map.js';

const namespace = 'urn:single-window:profile:kr:1';

/** Korea: electronic certificate of origin data exchange (AKFTA and VKFTA). */
export const profile: PartnerProfile = {
  name: 'kr',
  description: 'Korea Customs Service electronic origin data exchange: certificates of origin (Form AK, Form VK).',
  namespace,
  codecs: {
    'certificate-of-origin': mappedCodec(namespace, 'CoDocument', koreaOriginCertificateMap),
  },
};
