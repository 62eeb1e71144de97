import { mappedCodec } from '../mapped-codec.js';
import type { PartnerProfile } from '../partner-profile.js';
import { exportDeclarationMap } from './export-declaration-map.js';

const namespace = 'urn:single-window:profile:eaeu:1';

/** The Eurasian Economic Union: export declarations for the Union's integrated information system. */
export const eaeuProfile: PartnerProfile = {
  name: 'eaeu',
  description: 'Eurasian Economic Union integrated information system: goods declarations in the ESADout_CU layout.',
  namespace,
  codecs: {
    'customs-declaration': mappedCodec(namespace, 'ESADout_CU', exportDeclarationMap),
  },
};
