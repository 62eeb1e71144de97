/**
 * Every setting the service reads, in one table: name, environment variable,
 * description, default and check. The README's configuration table mirrors it.
 */
export interface Setting<T> {
  env: string;
  description: string;
  default: T;
  parse: (raw: string) => T;
}

const integer = (min: number, max: number) => (raw: string): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`must be a whole number from ${min} to ${max}`);
  }
  return value;
};

const oneOf = <T extends string>(...allowed: T[]) => (raw: string): T => {
  if (!(allowed as string[]).includes(raw)) throw new Error(`must be one of ${allowed.join(', ')}`);
  return raw as T;
};

const urlWith = (...schemes: string[]) => (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL');
  }
  if (!schemes.includes(url.protocol)) throw new Error(`must use ${schemes.join(' or ')}`);
  return raw;
};

const text = (pattern: RegExp, hint: string) => (raw: string): string => {
  if (!pattern.test(raw)) throw new Error(hint);
  return raw;
};

export const ROLES = ['api', 'relay', 'decisions', 'partner-gateway'] as const;
export type Role = (typeof ROLES)[number];

const roleList = (raw: string): Role[] => {
  const roles = raw.split(',').map((r) => r.trim()).filter(Boolean);
  if (roles.length === 0) throw new Error('must name at least one role');
  for (const role of roles) {
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`unknown role "${role}"; roles are ${ROLES.join(', ')}`);
  }
  return [...new Set(roles)] as Role[];
};

export const settings = {
  port: { env: 'PORT', description: 'HTTP port of the api role', default: 8080, parse: integer(0, 65535) },
  mongodbUri: {
    env: 'MONGODB_URI',
    description: 'MongoDB connection string; unset runs the embedded store in-process',
    default: '',
    parse: urlWith('mongodb:', 'mongodb+srv:'),
  },
  dataDir: { env: 'DATA_DIR', description: "Directory for the embedded store's files and generated secrets", default: './data', parse: text(/^.+$/, 'must not be empty') },
  storeFsync: {
    env: 'STORE_FSYNC',
    description: 'Embedded store journal flush policy: always (fsync before acknowledging), never (tests), memory (no files at all)',
    default: 'always' as 'always' | 'never' | 'memory',
    parse: oneOf('always', 'never', 'memory'),
  },
  amqpUrl: { env: 'AMQP_URL', description: 'RabbitMQ connection URL', default: 'amqp://guest:guest@127.0.0.1:5672', parse: urlWith('amqp:', 'amqps:') },
  adminToken: {
    env: 'ADMIN_TOKEN',
    description: 'Operator bearer token; unset on the embedded store: generated once, printed at start-up, kept in DATA_DIR',
    default: '',
    parse: text(/^\S{24,512}$/, 'must be 24 to 512 characters without spaces'),
  },
  logLevel: { env: 'LOG_LEVEL', description: 'Log level', default: 'info' as 'error' | 'warn' | 'info' | 'debug', parse: oneOf('error', 'warn', 'info', 'debug') },
  roles: { env: 'ROLES', description: `Comma-separated roles this process runs (${ROLES.join(', ')})`, default: [...ROLES] as Role[], parse: roleList },
  bodyLimitBytes: { env: 'BODY_LIMIT_BYTES', description: 'Largest accepted request body, in bytes', default: 8 * 1024 * 1024, parse: integer(1024, 64 * 1024 * 1024) },
  xmlMaxDepth: { env: 'XML_MAX_DEPTH', description: 'Deepest element nesting accepted in XML input', default: 32, parse: integer(4, 256) },
  xmlMaxElements: { env: 'XML_MAX_ELEMENTS', description: 'Most elements accepted in one XML document', default: 200_000, parse: integer(100, 5_000_000) },
  rateLimitPerMinute: { env: 'RATE_LIMIT_PER_MINUTE', description: 'Requests per minute allowed per API key', default: 6000, parse: integer(1, 10_000_000) },
  idempotencyTtlHours: { env: 'IDEMPOTENCY_TTL_HOURS', description: 'How long an Idempotency-Key is remembered', default: 24, parse: integer(1, 24 * 30) },
  referencePrefix: { env: 'REFERENCE_PREFIX', description: 'Prefix of human-readable document references', default: 'VNSW', parse: text(/^[A-Z]{2,8}$/, 'must be 2 to 8 capital letters') },
  countryCode: { env: 'COUNTRY_CODE', description: "This single window's country (ISO 3166 alpha-2)", default: 'VN', parse: text(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code') },
  publishTimeoutMs: { env: 'PUBLISH_TIMEOUT_MS', description: 'How long a publish waits for the broker confirm', default: 10_000, parse: integer(100, 600_000) },
  shutdownTimeoutMs: { env: 'SHUTDOWN_TIMEOUT_MS', description: 'How long a graceful shutdown may take before the process exits anyway', default: 15_000, parse: integer(100, 600_000) },
} satisfies Record<string, Setting<unknown>>;

export type Settings = typeof settings;
export type Config = { [K in keyof Settings]: Settings[K]['default'] };
