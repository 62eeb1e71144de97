/** Why a call to the hub failed, and whether calling again can help. */
export interface HubFailure {
  transient: boolean;
  reason: string;
}

const TRANSIENT_HTTP = new Set([408, 425, 429]);

/**
 * Sorts an error of the soap client by failure class: the hub unreachable, a 5xx
 * or a server fault may pass, so they are retried; a client fault or another 4xx
 * is the hub refusing this envelope, which the same envelope again will not change.
 */
export function hubFailureOf(error: unknown): HubFailure {
  const failure = error as {
    code?: string;
    message?: string;
    response?: { status?: number };
    root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; faultstring?: string } } } };
  };
  const fault = failure.root?.Envelope?.Body?.Fault;
  if (fault) {
    const reason = `hub fault ${fault.faultcode ?? ''}: ${fault.faultstring ?? 'no reason given'}`.trim();
    return { transient: !/client/i.test(fault.faultcode ?? ''), reason };
  }
  const status = failure.response?.status;
  if (status !== undefined) return { transient: status >= 500 || TRANSIENT_HTTP.has(status), reason: `hub answered HTTP ${status}` };
  if (failure.code) return { transient: true, reason: `hub unreachable: ${failure.code}` };
  return { transient: false, reason: failure.message ?? String(error) };
}
