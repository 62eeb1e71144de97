interface NodeStatus {
  name?: string;
  fd_used?: number;
  fd_total?: number;
  sockets_used?: number;
  sockets_total?: number;
  mem_alarm?: boolean;
  disk_free_alarm?: boolean;
}

/**
 * One sentence on the broker's resources from the management API's `/api/nodes`.
 * The API runs inside the broker's own process, so a broker out of file
 * descriptors may not answer it either: that is reported too, not thrown.
 */
export async function managementReport(managementUrl: string, timeoutMs: number): Promise<string> {
  const base = new URL(managementUrl);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (base.username || base.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64')}`;
  }
  base.username = '';
  base.password = '';
  const endpoint = new URL(`${base.pathname.replace(/\/$/, '')}/api/nodes`, base);
  try {
    const response = await fetch(endpoint, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok)
      return `The management API at ${base.origin} answered ${response.status} ${response.statusText} to ${endpoint.pathname}.`;
    const nodes = (await response.json()) as NodeStatus[];
    return `The management API reports ${nodes.map(describeNode).join('; ')}.`;
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    return `The management API at ${base.origin} did not answer either (${reason}); it runs in the broker's process, which refuses new connections of every kind once its descriptors are used up.`;
  }
}

function describeNode(node: NodeStatus): string {
  const parts = [usage('file descriptors', node.fd_used, node.fd_total), usage('sockets', node.sockets_used, node.sockets_total)];
  if (node.mem_alarm) parts.push('memory alarm raised');
  if (node.disk_free_alarm) parts.push('disk alarm raised');
  return `${node.name ?? 'node'}: ${parts.join(', ')}`;
}

function usage(what: string, used: number | undefined, limit: number | undefined): string {
  if (typeof used !== 'number' || typeof limit !== 'number') return `${what} unknown`;
  return `${what} ${used}/${limit} used${used >= limit ? ' (at the limit)' : ''}`;
}
