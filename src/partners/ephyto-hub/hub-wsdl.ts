import path from 'node:path';
import { projectRoot } from '../../platform/project-root.js';

/** The IPPC ePhyto hub's WSDL, vendored (schemas/standards/ephyto/PROVENANCE.md); client and simulator are both built from it. */
export const HUB_WSDL = path.join(projectRoot, 'schemas/standards/ephyto/hub/ephyto-hub-DeliveryService.prod.wsdl');
export const HUB_SERVICE = 'DeliveryService';
export const HUB_PORT = 'IDeliveryServiceImplPort';
