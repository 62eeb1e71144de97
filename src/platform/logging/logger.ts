import winston from 'winston';
import { currentContext } from './request-context.js';

const withRequestContext = winston.format((info) => {
  const context = currentContext();
  if (context) {
    for (const [key, value] of Object.entries(context)) {
      if (value !== undefined && info[key] === undefined) info[key] = value;
    }
  }
  return info;
});

/**
 * JSON lines on stdout. Tests and tools may add transports (e.g. to capture lines);
 * the level follows LOG_LEVEL via `setLogLevel` once configuration is loaded.
 */
export const logger = winston.createLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  format: winston.format.combine(
    withRequestContext(),
    winston.format.timestamp(),
    winston.format.errors({ stack: true }),
    winston.format.json(),
  ),
  transports: [new winston.transports.Console()],
});

export function setLogLevel(level: string): void {
  logger.level = level;
}

export type Logger = typeof logger;
