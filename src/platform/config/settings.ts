import { isIP } from 'node:net';

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

const integer =
  (min: number, max: number) =>
  (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`must be a whole number from ${min} to ${max}`);
    }
    return value;
  };

const oneOf =
  <T extends string>(...allowed: T[]) =>
  (raw: string): T => {
    if (!(allowed as string[]).includes(raw)) throw new Error(`must be one of ${allowed.join(', ')}`);
    return raw as T;
  };

const urlWith =
  (...schemes: string[]) =>
  (raw: string): string => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error('must be a URL');
    }
    if (!schemes.includes(url.protocol)) throw new Error(`must use ${schemes.join(' or ')}`);
    return raw;
  };

const text =
  (pattern: RegExp, hint: string) =>
  (raw: string): string => {
    if (!pattern.test(raw)) throw new Error(hint);
    return raw;
  };

const hostAddress = (raw: string): string => {
  if (isIP(raw) === 0 && !/^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(raw)) {
    throw new Error('must be an IP address or a host name');
  }
  return raw;
};

export const ROLES = ['api', 'relay', 'decisions', 'partner-gateway'] as const;
export type Role = (typeof ROLES)[number];

const roleList = (raw: string): Role[] => {
  const roles = raw
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0) throw new Error('must name at least one role');
  for (const role of roles) {
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`unknown role "${role}"; roles are ${ROLES.join(', ')}`);
  }
  return [...new Set(roles)] as Role[];
};

export const settings = {
  port: {
    env: 'PORT',
    description: 'HTTP port: every role serves /health on it, and /metrics unless METRICS_PORT is set; the api role also the API',
    default: 8080,
    parse: integer(0, 65535),
  },
  host: {
    env: 'HOST',
    description:
      'Address the HTTP server listens on: 0.0.0.0 every IPv4 interface, 127.0.0.1 this machine only, :: every interface (IPv6 and IPv4)',
    default: '0.0.0.0',
    parse: hostAddress,
  },
  metricsPort: {
    env: 'METRICS_PORT',
    description: 'Port serving /metrics instead of PORT (on HOST); unset: /metrics is served on PORT',
    default: undefined as number | undefined,
    parse: integer(0, 65535),
  },
  metricsToken: {
    env: 'METRICS_TOKEN',
    description:
      'Bearer token /metrics requires (Authorization: Bearer <token>; 401 without it); unset: /metrics answers whoever reaches its port',
    default: '',
    parse: text(/^\S{24,512}$/, 'must be 24 to 512 characters without spaces'),
  },
  mongodbUri: {
    env: 'MONGODB_URI',
    description: 'MongoDB connection string; unset runs the embedded store in-process',
    default: '',
    parse: urlWith('mongodb:', 'mongodb+srv:'),
  },
  dataDir: {
    env: 'DATA_DIR',
    description: "Directory for the embedded store's files and generated secrets",
    default: './data',
    parse: text(/^.+$/, 'must not be empty'),
  },
  storeFsync: {
    env: 'STORE_FSYNC',
    description: 'Embedded store journal flush policy: always (fsync before acknowledging), never (tests), memory (no files at all)',
    default: 'always' as 'always' | 'never' | 'memory',
    parse: oneOf('always', 'never', 'memory'),
  },
  amqpUrl: {
    env: 'AMQP_URL',
    description: 'RabbitMQ connection URL',
    default: 'amqp://guest:guest@127.0.0.1:5672',
    parse: urlWith('amqp:', 'amqps:'),
  },
  amqpConnectTimeoutMs: {
    env: 'AMQP_CONNECT_TIMEOUT_MS',
    description:
      'How long a connection to RabbitMQ may take to complete its handshake (TCP and AMQP) before start-up fails, or a reconnect attempt is abandoned and tried again',
    default: 10_000,
    parse: integer(100, 600_000),
  },
  rabbitmqManagementUrl: {
    env: 'RABBITMQ_MANAGEMENT_URL',
    description:
      "RabbitMQ management API (e.g. http://guest:guest@127.0.0.1:15672); read only when a connection handshake stalls, to report the broker's file descriptors and sockets in the error",
    default: '',
    parse: urlWith('http:', 'https:'),
  },
  adminToken: {
    env: 'ADMIN_TOKEN',
    description: 'Operator bearer token; unset on the embedded store: generated once, printed at start-up, kept in DATA_DIR',
    default: '',
    parse: text(/^\S{24,512}$/, 'must be 24 to 512 characters without spaces'),
  },
  logLevel: {
    env: 'LOG_LEVEL',
    description: 'Log level',
    default: 'info' as 'error' | 'warn' | 'info' | 'debug',
    parse: oneOf('error', 'warn', 'info', 'debug'),
  },
  roles: {
    env: 'ROLES',
    description: `Comma-separated roles this process runs (${ROLES.join(', ')})`,
    default: [...ROLES] as Role[],
    parse: roleList,
  },
  bodyLimitBytes: {
    env: 'BODY_LIMIT_BYTES',
    description: 'Largest accepted request body, in bytes',
    default: 8 * 1024 * 1024,
    parse: integer(1024, 64 * 1024 * 1024),
  },
  xmlMaxDepth: { env: 'XML_MAX_DEPTH', description: 'Deepest element nesting accepted in XML input', default: 32, parse: integer(4, 256) },
  xmlMaxElements: {
    env: 'XML_MAX_ELEMENTS',
    description: 'Most elements accepted in one XML document',
    default: 200_000,
    parse: integer(100, 5_000_000),
  },
  xmlMaxAttributes: {
    env: 'XML_MAX_ATTRIBUTES',
    description: 'Most attributes (namespace declarations included) accepted on one XML element',
    default: 32,
    parse: integer(1, 10_000),
  },
  xmlMaxNameLength: {
    env: 'XML_MAX_NAME_LENGTH',
    description: 'Longest XML element, attribute or processing-instruction name accepted, in characters',
    default: 256,
    parse: integer(16, 65_536),
  },
  xmlMaxTextLength: {
    env: 'XML_MAX_TEXT_LENGTH',
    description: 'Longest run of XML text (between two tags), CDATA section or attribute value accepted, in characters',
    default: 65_536,
    parse: integer(1024, 64 * 1024 * 1024),
  },
  jsonMaxDepth: {
    env: 'JSON_MAX_DEPTH',
    description:
      'Deepest nesting of objects and arrays accepted in a JSON request body (the documents need 6 with their envelope); checked before the body is parsed',
    default: 32,
    parse: integer(4, 1000),
  },
  httpHeadersTimeoutMs: {
    env: 'HTTP_HEADERS_TIMEOUT_MS',
    description: "How long a client may take to send a request's headers; then 408 and the connection is closed",
    default: 20_000,
    parse: integer(500, 600_000),
  },
  httpRequestTimeoutMs: {
    env: 'HTTP_REQUEST_TIMEOUT_MS',
    description:
      'How long a client may take to send a whole request, headers and body; then 408 and the connection is closed (a longer HTTP_HEADERS_TIMEOUT_MS is cut to it)',
    default: 120_000,
    parse: integer(500, 3_600_000),
  },
  httpMinBodyBytesPerSecond: {
    env: 'HTTP_MIN_BODY_BYTES_PER_SECOND',
    description:
      'Slowest average rate a request body read by a route may arrive at, once HTTP_BODY_GRACE_MS has passed; a slower one is answered 408 and its connection closed',
    default: 1024,
    parse: integer(1, 100 * 1024 * 1024),
  },
  httpBodyGraceMs: {
    env: 'HTTP_BODY_GRACE_MS',
    description: 'How long a request body may arrive at any rate before HTTP_MIN_BODY_BYTES_PER_SECOND applies',
    default: 5000,
    parse: integer(100, 600_000),
  },
  rateLimitPerMinute: {
    env: 'RATE_LIMIT_PER_MINUTE',
    description: 'Requests per minute allowed per API key',
    default: 6000,
    parse: integer(1, 10_000_000),
  },
  apiKeyCacheSeconds: {
    env: 'API_KEY_CACHE_SECONDS',
    description:
      'How long a process trusts an API key it has checked; a key revoked through another process stops working within this time (0: check every request)',
    default: 5,
    parse: integer(0, 300),
  },
  idempotencyTtlHours: {
    env: 'IDEMPOTENCY_TTL_HOURS',
    description: 'How long an Idempotency-Key is remembered',
    default: 24,
    parse: integer(1, 24 * 30),
  },
  idempotencyLockSeconds: {
    env: 'IDEMPOTENCY_LOCK_SECONDS',
    description: 'How long a request in flight holds its Idempotency-Key; after that (a crashed process) a retry may take the key over',
    default: 60,
    parse: integer(5, 3600),
  },
  validationMaxErrors: {
    env: 'VALIDATION_MAX_ERRORS',
    description: 'Most problems listed in one 422 answer (the rest are summarised)',
    default: 100,
    parse: integer(1, 10_000),
  },
  referencePrefix: {
    env: 'REFERENCE_PREFIX',
    description: 'Prefix of human-readable document references',
    default: 'VNSW',
    parse: text(/^[A-Z]{2,8}$/, 'must be 2 to 8 capital letters'),
  },
  referenceBlockSize: {
    env: 'REFERENCE_BLOCK_SIZE',
    description:
      'Reference numbers each process reserves at once (one database round trip per block); numbers left in a block when a process stops are skipped. 1: strictly consecutive',
    default: 20,
    parse: integer(1, 10_000),
  },
  registerSince: {
    env: 'REGISTER_SINCE',
    description:
      'Day (YYYY-MM-DD) the register of issued licences and certificates started: a cited licence issued before it that the register does not hold is a paper licence, kept as a reference',
    default: '2025-07-01',
    parse: text(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'must be a date YYYY-MM-DD'),
  },
  countryCode: {
    env: 'COUNTRY_CODE',
    description: "This single window's country (ISO 3166 alpha-2)",
    default: 'VN',
    parse: text(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code'),
  },
  publishTimeoutMs: {
    env: 'PUBLISH_TIMEOUT_MS',
    description: 'How long a publish waits for the broker confirm',
    default: 10_000,
    parse: integer(100, 600_000),
  },
  shutdownTimeoutMs: {
    env: 'SHUTDOWN_TIMEOUT_MS',
    description: 'How long a graceful shutdown may take before the process exits anyway',
    default: 15_000,
    parse: integer(100, 600_000),
  },
  partnerSigningKeyFile: {
    env: 'PARTNER_SIGNING_KEY_FILE',
    description:
      'PEM private key (RSA) signing partner messages and receipts; unset on the embedded store: a development key generated once into DATA_DIR',
    default: '',
    parse: text(/^.+$/, 'must be a file path'),
  },
  partnerSigningCertFile: {
    env: 'PARTNER_SIGNING_CERT_FILE',
    description: 'PEM X.509 certificate of the partner signing key, as registered with partner single windows',
    default: '',
    parse: text(/^.+$/, 'must be a file path'),
  },
  partnerDirectoryFile: {
    env: 'PARTNER_DIRECTORY_FILE',
    description:
      'JSON file seeding the partner directory at start-up (partners missing from the database are added; the admin API changes them afterwards)',
    default: 'schemas/partners/partner-directory.json',
    parse: text(/^.+$/, 'must be a file path'),
  },
  partnerReplayWindowSeconds: {
    env: 'PARTNER_REPLAY_WINDOW_SECONDS',
    description: 'Inbound partner messages sent longer ago than this are refused as expired or replayed',
    default: 900,
    parse: integer(10, 7 * 86_400),
  },
  partnerClockSkewSeconds: {
    env: 'PARTNER_CLOCK_SKEW_SECONDS',
    description: 'How far in the future an inbound partner message may be dated',
    default: 300,
    parse: integer(0, 3600),
  },
  partnerInboundPerMinute: {
    env: 'PARTNER_INBOUND_PER_MINUTE',
    description:
      "Inbound messages per minute accepted for one partner country's path, counted per process; more are answered 429 before their body is read",
    default: 6000,
    parse: integer(1, 10_000_000),
  },
  partnerHttpTimeoutMs: {
    env: 'PARTNER_HTTP_TIMEOUT_MS',
    description: "How long the partner gateway waits for a partner's receipt",
    default: 30_000,
    parse: integer(100, 600_000),
  },
  partnerDirectoryRefreshMs: {
    env: 'PARTNER_DIRECTORY_REFRESH_MS',
    description: 'How often each process re-reads the partner directory (admin changes made by other processes)',
    default: 10_000,
    parse: integer(100, 3_600_000),
  },
  ephytoHubUrl: {
    env: 'EPHYTO_HUB_URL',
    description:
      "The IPPC ePhyto hub's DeliveryService endpoint; unset: partners whose channel is ephyto-hub are not sent to, and nothing is pulled",
    default: '',
    parse: urlWith('https:', 'http:'),
  },
  ephytoNppoCode: {
    env: 'EPHYTO_NPPO_CODE',
    description: "This country's NPPO code on the hub (the envelopes' From, the country whose imports are pulled); unset: COUNTRY_CODE",
    default: '',
    parse: text(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code'),
  },
  ephytoHubClientCertFile: {
    env: 'EPHYTO_HUB_CLIENT_CERT_FILE',
    description: "PEM client certificate for the hub's mutual TLS (with EPHYTO_HUB_CLIENT_KEY_FILE)",
    default: '',
    parse: (raw: string) => raw,
  },
  ephytoHubClientKeyFile: {
    env: 'EPHYTO_HUB_CLIENT_KEY_FILE',
    description: "PEM private key of the hub's mutual-TLS client certificate",
    default: '',
    parse: (raw: string) => raw,
  },
  ephytoHubPollIntervalMs: {
    env: 'EPHYTO_HUB_POLL_INTERVAL_MS',
    description: 'How often the partner gateway asks the hub for import envelopes and for the tracking of a delivery still pending',
    default: 30_000,
    parse: integer(100, 3_600_000),
  },
  relayPollIntervalMs: {
    env: 'RELAY_POLL_INTERVAL_MS',
    description: 'How often the outbox relay looks for pending messages when nothing nudges it',
    default: 100,
    parse: integer(5, 60_000),
  },
  relayLeaseMs: {
    env: 'RELAY_LEASE_MS',
    description:
      'How long a relay holds the messages it claimed; after that another relay may publish them (keep above PUBLISH_TIMEOUT_MS)',
    default: 30_000,
    parse: integer(1000, 3_600_000),
  },
  relayBatchSize: {
    env: 'RELAY_BATCH_SIZE',
    description: 'Most documents the outbox relay claims at once',
    default: 200,
    parse: integer(1, 5000),
  },
  relayConcurrency: {
    env: 'RELAY_CONCURRENCY',
    description:
      'Most batches the outbox relay has claimed and not yet settled at once: each is published and settled while the next is claimed',
    default: 3,
    parse: integer(1, 16),
  },
  relayRetryBaseMs: {
    env: 'RELAY_RETRY_BASE_MS',
    description: 'First delay before the relay republishes a message the broker refused; doubles per attempt up to RELAY_LEASE_MS',
    default: 1000,
    parse: integer(10, 600_000),
  },
  retryDelaysMs: {
    env: 'RETRY_DELAYS_MS',
    description: 'Delays (ms, comma-separated) of the TTL retry queues sw.retry.<delay> used by connectors and the decisions consumer',
    default: [1000, 10_000, 60_000, 600_000],
    parse: (raw: string): number[] => {
      const delays = raw.split(',').map((part) => integer(100, 86_400_000)(part.trim()));
      if (new Set(delays).size !== delays.length) throw new Error('must not repeat a delay');
      return delays;
    },
  },
  queueDeliveryLimit: {
    env: 'QUEUE_DELIVERY_LIMIT',
    description: 'Deliveries of one message before a work queue dead-letters it',
    default: 20,
    parse: integer(1, 1000),
  },
  recentEventsMax: {
    env: 'RECENT_EVENTS_MAX',
    description: 'Status events kept in the sw.events.recent queue for operators (oldest dropped first)',
    default: 10_000,
    parse: integer(1, 10_000_000),
  },
  decisionsPrefetch: {
    env: 'DECISIONS_PREFETCH',
    description: 'Decisions the decisions role handles at once',
    default: 32,
    parse: integer(1, 1000),
  },
  maxAmendments: {
    env: 'MAX_AMENDMENTS',
    description: 'Most amendments one document accepts (bounds the document size)',
    default: 10,
    parse: integer(1, 100),
  },
} satisfies Record<string, Setting<unknown>>;

export type Settings = typeof settings;
export type Config = { [K in keyof Settings]: Settings[K]['default'] };
