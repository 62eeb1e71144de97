import net from 'node:net';

export type TcpAnswer = { state: 'accepted' } | { state: 'refused'; error: Error } | { state: 'silent' };

/**
 * Whether the broker's port takes a TCP connection right now. A broker that is
 * down refuses it; one that has run out of file descriptors lets the kernel
 * complete it and then never speaks, which is a different fault to report.
 */
export function probeTcp(amqpUrl: string, timeoutMs: number): Promise<TcpAnswer> {
  const { host, port } = brokerAddress(amqpUrl);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer: TcpAnswer) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done({ state: 'silent' }), timeoutMs);
    socket.once('connect', () => done({ state: 'accepted' }));
    socket.once('error', (error) => done({ state: 'refused', error }));
  });
}

export function brokerAddress(amqpUrl: string): { host: string; port: number } {
  const url = new URL(amqpUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '') || 'localhost';
  return { host, port: Number(url.port) || (url.protocol === 'amqps:' ? 5671 : 5672) };
}
