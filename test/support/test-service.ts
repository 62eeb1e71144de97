import { loadConfig, type Config } from '../../src/platform/config/config.js';
import { startService, type RunningService } from '../../src/service.js';
import { requireTestAmqpUrl } from './rabbitmq-vhost.js';

export { requireTestAmqpUrl };

/**
 * Starts the whole service as production does (every role, real RabbitMQ in the
 * run's vhost, the embedded store in memory), on an ephemeral port.
 */
export async function startTestService(overrides: Partial<Config> = {}): Promise<RunningService> {
  const config = loadConfig(
    {},
    {
      port: 0,
      storeFsync: 'memory',
      amqpUrl: requireTestAmqpUrl(),
      adminToken: 'test-admin-token-0123456789abcdef',
      logLevel: 'error',
      ...overrides,
    },
  );
  return startService(config);
}
