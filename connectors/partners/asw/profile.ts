import { mappedCodec } from '../../../src/partners/profiles/mapped-codec.js';
import { originCertificateMap } from '../../../src/partners/profiles/origin-certificate-map.js';
import type { PartnerProfile } from '../../../src/partners/profiles/partner-profile.js';
import { spsCertificateMap } from '../../../src/partners/profiles/sps-certificate-map.js';
import { acddMap } from './acdd-map.js';

const namespace = 'urn:single-window:profile:asw:1';

/** The ASEAN Single Window profile, shared by every ASEAN member state. */
export const profile: PartnerProfile = {
  name: 'asw',
  description: 'ASEAN Single Window: ASEAN Customs Declaration Document (ACDD), ATIGA e-Form D and ePhyto (UN/CEFACT SPS certificate).',
  namespace,
  codecs: {
    'customs-declaration': mappedCodec(namespace, 'ACDD', acddMap),
    'certificate-of-origin': mappedCodec(namespace, 'EFormD', originCertificateMap),
    'phytosanitary-certificate': mappedCodec(namespace, 'SPSCertificate', spsCertificateMap),
  },
};
