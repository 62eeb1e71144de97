import { startHubSimulator, type HubMode } from './hub-simulator.js';

// `npm run ephyto-hub`: the IPPC ePhyto hub on loopback (EPHYTO_HUB_PORT, default 9501; EPHYTO_HUB_MODE).
const hub = await startHubSimulator(Number(process.env.EPHYTO_HUB_PORT ?? 9501));
await hub.setMode((process.env.EPHYTO_HUB_MODE ?? 'normal') as HubMode);
process.stdout.write(`ePhyto hub simulator: ${hub.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void hub.stop().then(() => process.exit(0)));
