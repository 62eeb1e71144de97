/** Why a publish was not confirmed. The relay keeps the message and retries later in every case. */
export class PublishError extends Error {
  constructor(
    readonly code: 'PUBLISH.NACKED' | 'PUBLISH.UNROUTABLE' | 'PUBLISH.EXCHANGE_NOT_FOUND' | 'PUBLISH.TIMEOUT' | 'PUBLISH.BROKER_CLOSED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PublishError';
  }
}

export class BrokerUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(
      `Cannot reach RabbitMQ at AMQP_URL=${redact(url)} (${(cause as Error)?.message ?? cause}). ` +
        'Start it with `rabbitmq-server -detached` (or `docker compose up rabbitmq`) or point AMQP_URL at a running broker.',
      { cause },
    );
    this.name = 'BrokerUnreachableError';
  }
}

/**
 * The broker took the connection but did not finish the AMQP handshake in time.
 * `diagnosis` says what the broker looks like from here, and how to check.
 */
export class BrokerHandshakeTimeoutError extends Error {
  constructor(url: string, timeoutMs: number, diagnosis: string) {
    super(
      `RabbitMQ at AMQP_URL=${redact(url)} did not complete the AMQP connection handshake within ${timeoutMs} ms (AMQP_CONNECT_TIMEOUT_MS). ${diagnosis}`,
    );
    this.name = 'BrokerHandshakeTimeoutError';
  }
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
