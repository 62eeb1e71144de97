import { instanceTopology } from '../../scripts/ops/instance-topology.js';
import { recordTopology } from '../../scripts/ops/recorded-topology.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { brokerResources, checkHandshake, PREFLIGHT_HANDSHAKE_MS, runNeeds, shortage } from './broker-preflight.js';
import { createVhost, removeAbandonedVhosts, type TestVhost } from './rabbitmq-vhost.js';
import { guardVhost } from './vhost-guard.js';
import { logger } from '../../src/platform/logging/logger.js';

let vhost: TestVhost | undefined;
let guard: { release(): void } | undefined;

/**
 * Mocha root hooks: one vhost for the whole run, removed at the end, on SIGINT or
 * SIGTERM, or by a watchdog when the run is killed outright. Before anything runs,
 * the broker must have room and answer a handshake: a broker out of descriptors
 * otherwise shows up as dozens of unexplained timeouts.
 */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    // The service's own log lines would drown mocha's report; TEST_LOGS=1 shows them.
    if (!process.env.TEST_LOGS) for (const transport of logger.transports) transport.silent = true;
    await removeAbandonedVhosts();
    const resources = await brokerResources();
    const { queues } = await recordTopology(await instanceTopology(loadConfig({})));
    const refusal = shortage(resources, runNeeds(queues.length));
    if (refusal) throw new Error(refusal);
    vhost = await createVhost();
    guard = guardVhost(vhost.name);
    try {
      await checkHandshake(vhost.url, PREFLIGHT_HANDSHAKE_MS, resources);
    } catch (error) {
      await vhost.remove().catch(() => undefined);
      guard.release();
      vhost = undefined;
      throw error;
    }
    process.env.TEST_AMQP_URL = vhost.url;
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await vhost?.remove();
    guard?.release();
  },
};
