import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { requireTestAmqpUrl } from '../support/rabbitmq-vhost.js';

/** Starts the real process entry and resolves with its port once it logs that it started. */
function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', AMQP_URL: requireTestAmqpUrl(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const started = output.split('\n').find((line) => line.includes('"service started"'));
      if (started) resolve({ child, port: (JSON.parse(started) as { port: number }).port, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before starting:\n${output}`)));
  });
}

describe('graceful shutdown', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sw-shutdown-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('finishes a request that is in flight when SIGTERM arrives, then exits cleanly', async () => {
    const { child, port } = await startProcess({ DATA_DIR: dataDir, STORE_FSYNC: 'never' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { port, method: 'POST', path: '/api/v1/slow-upload', headers: { 'content-type': 'application/json' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      // Half the body now; SIGTERM; the other half later: the request is in flight throughout.
      req.write('{"note": "first half,');
      setTimeout(() => child.kill('SIGTERM'), 200);
      setTimeout(() => req.end(' second half"}'), 600);
    });

    const { status, body } = await response;
    expect(status).to.equal(404);
    expect(JSON.parse(body)).to.include({ code: 'ROUTE.NOT_FOUND' });
    expect(await exited).to.equal(0);
  });
});
