/** What the SDK logs through; winston, pino and console-like loggers fit. */
export interface SdkLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** JSON lines on stdout, for connectors that bring no logger of their own. */
export const jsonLineLogger = (base: Record<string, unknown> = {}): SdkLogger => {
  const write =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      process.stdout.write(`${JSON.stringify({ level, message, ...base, ...fields, timestamp: new Date().toISOString() })}\n`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
};
