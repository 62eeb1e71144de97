/**
 * The AMQP names of the routing contract (DESIGN.md fixes sw.agency.<CODE>,
 * sw.decisions and sw.events; the rest is documented in docs/routing.md).
 */
export const EXCHANGES = {
  /** Direct exchange in front of the agency queues; routing key = agency code. */
  agency: 'sw.agency',
  /** Topic exchange agencies publish decisions to; routing key = agency code. */
  decisions: 'sw.decisions',
  /** Topic exchange of status events; routing key `document.<STATUS>`. */
  events: 'sw.events',
  /** Direct exchange of dead letters; routing key = the queue the message died in. */
  deadLetter: 'sw.dlx',
} as const;

export const QUEUES = {
  decisionsIn: 'sw.decisions.in',
  decisionsDeadLetter: 'sw.decisions.dlq',
  /** A bounded log of the latest status events for operators (oldest dropped first). */
  recentEvents: 'sw.events.recent',
} as const;

export const HEADERS = {
  reason: 'x-reason',
  errorCode: 'x-error-code',
  attempt: 'x-attempt',
  /** The queue a retried message returns to. */
  origin: 'x-origin-queue',
} as const;

export const agencyQueue = (code: string) => `sw.agency.${code}`;
export const deadLetterQueue = (queue: string) => `${queue}.dlq`;

/** `sw.retry.10s`: the exchange and queue holding a message `delayMs` before it returns to its queue. */
export function retryQueue(delayMs: number): string {
  if (delayMs % 3_600_000 === 0) return `sw.retry.${delayMs / 3_600_000}h`;
  if (delayMs % 60_000 === 0) return `sw.retry.${delayMs / 60_000}m`;
  if (delayMs % 1000 === 0) return `sw.retry.${delayMs / 1000}s`;
  return `sw.retry.${delayMs}ms`;
}

/** Outbound messages for a partner country's single window wait here (ISO 3166 alpha-2). */
export const partnerQueue = (country: string) => `sw.partner.${country}.out`;
