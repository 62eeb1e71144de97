import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AgencyRegistry } from '../../src/agencies/agency-registry.js';
import type { Partner } from '../../src/partners/directory/partner.js';
import { partnerTopology } from '../../src/partners/outbound/partner-topology.js';
import type { Config } from '../../src/platform/config/config.js';
import type { TopologyStep } from '../../src/platform/messaging/broker.js';
import { projectRoot } from '../../src/platform/project-root.js';
import { routingTopology } from '../../src/routing/routing-topology.js';

/**
 * The topology steps a service with this configuration declares at start-up: the
 * routing feature's (agencies, decisions, events, retry queues) and the partner
 * feature's for every partner in the directory file. Partners added later through
 * the admin API are not in the file: name them in `extraPartners`.
 */
export async function instanceTopology(
  config: Pick<Config, 'retryDelaysMs' | 'recentEventsMax' | 'queueDeliveryLimit' | 'partnerDirectoryFile'>,
  extraPartners: string[] = [],
): Promise<TopologyStep[]> {
  const file = path.resolve(projectRoot, config.partnerDirectoryFile);
  const directory = JSON.parse(await readFile(file, 'utf8')) as { partners: Partner[] };
  const listed = new Set(directory.partners.map((partner) => partner.country));
  // Only their queues: their retry policies live in the database this tool does not read.
  const extras = extraPartners
    .filter((country) => !listed.has(country))
    .map((country) => ({ country, retryPolicy: { maxAttempts: 1, initialDelayMs: 1000, maxDelayMs: 1000, multiplier: 1 } }) as Partner);
  return [
    ...routingTopology({
      agencies: AgencyRegistry.load()
        .list()
        .map((agency) => agency.code),
      retryDelaysMs: config.retryDelaysMs,
      recentEventsMax: config.recentEventsMax,
      deliveryLimit: config.queueDeliveryLimit,
    }),
    partnerTopology([...directory.partners, ...extras], config.queueDeliveryLimit),
  ];
}
