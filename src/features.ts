import type { FeatureParts, ServiceContext } from './platform/service-context.js';

/**
 * The composition root: builds each feature's services from the platform and
 * from one another, in dependency order, and collects what they contribute.
 */
export async function composeFeatures(_context: ServiceContext): Promise<FeatureParts[]> {
  return [];
}
