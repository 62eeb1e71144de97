import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../../../src/platform/config/config.js';
import { startService, type RunningService } from '../../../src/service.js';

/** What the routing benchmark's parts share: the service they start, its admin, and what they submit. */
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
export const QUEUE = 'sw.agency.CUSTOMS';

// Garments (HS 61, 62) go to customs alone: one agency message and two status events per document.
const declaration = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../test/fixtures/routing/import-salmon-and-medicines.json', import.meta.url)), 'utf8'),
) as Record<string, unknown>;
const items = declaration.goodsItems as Record<string, unknown>[];
Object.assign(items[0]!, { hsCode: '61091000', description: 'Cotton T-shirts, knitted' });
Object.assign(items[1]!, { hsCode: '62034200', description: 'Cotton denim trousers' });
export const submission = JSON.stringify({ type: 'customs-declaration', data: declaration });

export async function start(amqpUrl: string, overrides: Partial<Config>): Promise<RunningService> {
  return startService(
    // sw.events.recent keeps every event of a round (each round empties it), so its queue holds every message relayed.
    loadConfig(
      {},
      {
        port: 0,
        storeFsync: 'memory',
        amqpUrl,
        adminToken: ADMIN_TOKEN,
        logLevel: 'error',
        rateLimitPerMinute: 10_000_000,
        recentEventsMax: 1_000_000,
        ...overrides,
      },
    ),
  );
}

export async function enterpriseKey(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/admin/enterprises`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ taxId: `03${String(Date.now()).slice(-8)}`, name: 'Viet Tien Garment Import Co.' }),
  });
  if (response.status !== 201) throw new Error(`enterprise registration answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { apiKey: string }).apiKey;
}
