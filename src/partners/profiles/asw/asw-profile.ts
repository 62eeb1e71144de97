import { mappedCodec } from '../mapped-codec.js';
import { originCertificateMap } from '../origin-certificate-map.js';
import { spsPayloadCodec } from '../ephyto/sps-payload-codec.js';
import type { PartnerProfile } from '../partner-profile.js';
import { acddMap } from './acdd-map.js';

const namespace = 'urn:single-window:profile:asw:1';

/** The ASEAN Single Window profile, shared by every ASEAN member state. */
export const aswProfile: PartnerProfile = {
  name: 'asw',
  description: 'ASEAN Single Window: ASEAN Customs Declaration Document (ACDD), ATIGA e-Form D and ePhyto (UN/CEFACT SPS certificate).',
  namespace,
  codecs: {
    'customs-declaration': mappedCodec(namespace, 'ACDD', acddMap),
    'certificate-of-origin': mappedCodec(namespace, 'EFormD', originCertificateMap),
    'phytosanitary-certificate': spsPayloadCodec,
  },
};
