import type { Config } from '../platform/config/config.js';
import type { XmlLimits } from './xml-well-formedness.js';

/** The XML limits the service is configured with, for every path that reads untrusted XML. */
export function xmlLimitsOf(
  config: Pick<Config, 'xmlMaxDepth' | 'xmlMaxElements' | 'xmlMaxAttributes' | 'xmlMaxNameLength' | 'xmlMaxTextLength'>,
): Required<XmlLimits> {
  return {
    maxDepth: config.xmlMaxDepth,
    maxElements: config.xmlMaxElements,
    maxAttributes: config.xmlMaxAttributes,
    maxNameLength: config.xmlMaxNameLength,
    maxTextLength: config.xmlMaxTextLength,
  };
}
