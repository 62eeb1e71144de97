import type { Config } from '../../platform/config/config.js';
import type { Logger } from '../../platform/logging/logger.js';
import { HubClient } from './hub-client.js';

/**
 * The hub's client, made on first use rather than at start-up, so a hub that is
 * down when the service starts delays ePhyto only, not the service; a failed
 * attempt is forgotten and made again next time. Undefined without EPHYTO_HUB_URL.
 */
export function hubConnector(
  config: Pick<Config, 'ephytoHubUrl' | 'ephytoHubClientCertFile' | 'ephytoHubClientKeyFile'>,
  logger: Logger,
): (() => Promise<HubClient>) | undefined {
  if (!config.ephytoHubUrl) return undefined;
  let client: Promise<HubClient> | undefined;
  return () => {
    client ??= Promise.resolve()
      .then(() =>
        HubClient.fromFiles(config.ephytoHubUrl, config.ephytoHubClientCertFile || undefined, config.ephytoHubClientKeyFile || undefined),
      )
      .catch((error: Error) => {
        client = undefined;
        logger.warn('ePhyto hub client could not be made', { reason: error.message });
        throw error;
      });
    return client;
  };
}
