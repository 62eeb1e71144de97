import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startPartnerSimulator, SIMULATOR_MODES, type SimulatorMode } from './partner-simulator.js';
import { controlApi } from './control-api.js';

/**
 * `npm run partner-simulator`: a foreign single window on loopback. It fetches the
 * single window's signing certificate, registers itself in the partner directory
 * (gateway URL and its own certificate) with the admin token, and serves its
 * control API. Settings (environment):
 *   SIM_COUNTRY (TH), SIM_PROFILE (asw), SIM_PORT (9401), SIM_CONTROL_PORT (9402),
 *   SIM_MODE (normal), SIM_AUTO_RESPONSE (ACCEPTED | REJECTED | QUERY | none),
 *   SW_URL (http://127.0.0.1:8080), SW_COUNTRY (VN), ADMIN_TOKEN (else DATA_DIR/admin-token).
 */
async function main(): Promise<void> {
  const env = process.env;
  const country = env.SIM_COUNTRY ?? 'TH';
  const swUrl = (env.SW_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
  const mode = (env.SIM_MODE ?? 'normal') as SimulatorMode;
  if (!SIMULATOR_MODES.includes(mode)) throw new Error(`SIM_MODE must be one of ${SIMULATOR_MODES.join(', ')}`);
  const autoRespond =
    env.SIM_AUTO_RESPONSE === 'none' ? undefined : ((env.SIM_AUTO_RESPONSE ?? 'ACCEPTED') as 'ACCEPTED' | 'REJECTED' | 'QUERY');

  const certificate = await fetch(`${swUrl}/api/v1/partners/signing-certificate`);
  if (!certificate.ok) throw new Error(`cannot read the single window's certificate at ${swUrl} (HTTP ${certificate.status})`);
  const simulator = await startPartnerSimulator({
    country,
    profile: env.SIM_PROFILE ?? 'asw',
    port: Number(env.SIM_PORT ?? 9401),
    mode,
    singleWindow: { country: env.SW_COUNTRY ?? 'VN', url: swUrl, certificatePem: await certificate.text() },
    ...(autoRespond ? { autoRespond } : {}),
  });

  const adminToken = env.ADMIN_TOKEN ?? (await readFile(path.resolve(env.DATA_DIR ?? './data', 'admin-token'), 'utf8')).trim();
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const current = await fetch(`${swUrl}/api/v1/admin/partners/${country}`, { headers });
  if (!current.ok)
    throw new Error(
      `${country} is not in the partner directory (HTTP ${current.status}); add it first with PUT /api/v1/admin/partners/${country}`,
    );
  const entry = {
    ...((await current.json()) as Record<string, unknown>),
    gatewayUrl: simulator.url,
    certificate: simulator.identity.certificatePem,
    enabled: true,
  };
  const saved = await fetch(`${swUrl}/api/v1/admin/partners/${country}`, { method: 'PUT', headers, body: JSON.stringify(entry) });
  if (!saved.ok) throw new Error(`registering the simulator failed: HTTP ${saved.status} ${await saved.text()}`);

  const controlPort = Number(env.SIM_CONTROL_PORT ?? 9402);
  controlApi(simulator).listen(controlPort, '127.0.0.1');
  console.log(`Partner simulator for ${country} (${simulator.profile}) at ${simulator.url}, mode ${mode}`);
  console.log(`Registered in the partner directory of ${swUrl}; control API on http://127.0.0.1:${controlPort}`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`partner simulator: ${error.message}`);
  process.exit(1);
});
