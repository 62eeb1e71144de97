/** What came back from POSTing a message to a partner's gateway. */
export type TransportOutcome = { kind: 'answered'; status: number; body: string } | { kind: 'unreachable'; reason: string };

export interface PartnerTransport {
  post(url: string, xml: string, timeoutMs: number): Promise<TransportOutcome>;
}

const MAX_RECEIPT_BYTES = 1024 * 1024;

/** HTTP(S) with Node's fetch: a refused connection, a reset or a timeout is `unreachable`. */
export const httpTransport: PartnerTransport = {
  async post(url, xml, timeoutMs) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/xml; charset=utf-8', accept: 'application/xml' },
        body: xml,
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await response.text();
      return { kind: 'answered', status: response.status, body: body.length > MAX_RECEIPT_BYTES ? '' : body };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if ((error as Error).name === 'TimeoutError') return { kind: 'unreachable', reason: `no answer within ${timeoutMs} ms` };
      return { kind: 'unreachable', reason: cause?.code ?? cause?.message ?? (error as Error).message };
    }
  },
};
