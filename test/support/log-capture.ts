import Transport from 'winston-transport';
import { logger } from '../../src/platform/logging/logger.js';

/** Collects the service's log lines (as the JSON objects winston writes) while a test runs. */
export function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const previousLevel = logger.level;
  const transport = new (class extends Transport {
    override log(info: Record<string, unknown>, done: () => void) {
      lines.push({ ...info });
      done();
    }
  })({ level: 'debug' });
  logger.level = 'debug';
  logger.add(transport);
  return {
    lines,
    stop() {
      logger.remove(transport);
      logger.level = previousLevel;
    },
  };
}
