import { settings, type Config, type Setting } from './settings.js';

export type { Config, Role } from './settings.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads every setting from the environment, applying defaults, and reports all
 * invalid variables at once so an operator fixes them in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings) as [string, Setting<unknown>][]) {
    const raw = env[setting.env];
    if (raw === undefined || raw === '') {
      config[key] = setting.default;
      continue;
    }
    try {
      config[key] = setting.parse(raw);
    } catch (error) {
      problems.push(`${setting.env}: ${(error as Error).message} (got "${raw.slice(0, 80)}")`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...(config as Config), ...overrides };
}

/** Rows for documentation: variable, default and description of every setting. */
export function describeSettings(): { env: string; default: string; description: string }[] {
  return Object.values(settings as Record<string, Setting<unknown>>).map((s) => ({
    env: s.env,
    default: Array.isArray(s.default) ? s.default.join(',') : s.default === undefined ? '' : String(s.default),
    description: s.description,
  }));
}
