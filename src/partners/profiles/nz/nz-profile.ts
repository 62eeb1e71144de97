import { spsPayloadCodec } from '../ephyto/sps-payload-codec.js';
import type { PartnerProfile } from '../partner-profile.js';

const namespace = 'urn:single-window:profile:nz:1';

/** New Zealand: phytosanitary certificates with the Ministry for Primary Industries, as IPPC ePhyto. */
export const nzProfile: PartnerProfile = {
  name: 'nz',
  description: 'New Zealand Ministry for Primary Industries: phytosanitary certificates as the IPPC ePhyto UN/CEFACT SPS certificate.',
  namespace,
  codecs: {
    'phytosanitary-certificate': spsPayloadCodec,
  },
};
