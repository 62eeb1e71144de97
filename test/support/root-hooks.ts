import { createVhost, removeAbandonedVhosts } from './rabbitmq-vhost.js';
import { logger } from '../../src/platform/logging/logger.js';

let vhost: Awaited<ReturnType<typeof createVhost>> | undefined;

/** Mocha root hooks: one vhost for the whole run, removed at the end. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    // The service's own log lines would drown mocha's report; TEST_LOGS=1 shows them.
    if (!process.env.TEST_LOGS) for (const transport of logger.transports) transport.silent = true;
    await removeAbandonedVhosts();
    vhost = await createVhost();
    process.env.TEST_AMQP_URL = vhost.url;
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await vhost?.remove();
  },
};
