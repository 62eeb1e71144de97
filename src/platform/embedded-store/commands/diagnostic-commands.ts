import { cpus, hostname, totalmem, type as osType, release } from 'node:os';
import { CommandError } from '../errors/command-error.js';
import type { CommandDefinition } from './command-context.js';
import { MAX_BSON_OBJECT_SIZE } from './handshake-commands.js';

const VERSION = '7.0.0';
const PARAMETERS: Record<string, unknown> = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: [],
  transactionLifetimeLimitSeconds: 60,
};
const ok = { ok: 1 };

export const pingCommand: CommandDefinition = { run: () => ok };

/** Sessions are client-side bookkeeping only: nothing server-side to end. */
export const endSessionsCommand: CommandDefinition = { run: () => ok };

export const buildInfoCommand: CommandDefinition = {
  run: () => ({
    version: VERSION,
    gitVersion: 'embedded',
    versionArray: [7, 0, 0, 0],
    modules: [],
    allocator: 'system',
    javascriptEngine: 'none',
    sysInfo: 'deprecated',
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['embedded'],
    ok: 1,
  }),
};

export const getParameterCommand: CommandDefinition = {
  run(command) {
    if (command.getParameter === '*') return { ...PARAMETERS, ok: 1 };
    const reply: Record<string, unknown> = {};
    for (const name of Object.keys(command).slice(1)) {
      if (name.startsWith('$') || name === 'lsid' || name === 'comment') continue;
      if (!(name in PARAMETERS)) throw new CommandError(72, `no option found to get: ${name}`);
      reply[name] = PARAMETERS[name];
    }
    return { ...reply, ok: 1 };
  },
};

export const getLogCommand: CommandDefinition = {
  run(command) {
    if (command.getLog === '*') return { names: ['global', 'startupWarnings'], ok: 1 };
    if (command.getLog === 'global' || command.getLog === 'startupWarnings') return { totalLinesWritten: 0, log: [], ok: 1 };
    throw new CommandError(72, `No log named '${String(command.getLog)}'`);
  },
};

export const hostInfoCommand: CommandDefinition = {
  run: () => ({
    system: {
      currentTime: new Date(),
      hostname: hostname(),
      cpuAddrSize: 64,
      memSizeMB: Math.round(totalmem() / 1048576),
      numCores: cpus().length,
    },
    os: { type: osType(), name: osType(), version: release() },
    extra: {},
    ok: 1,
  }),
};

export const whatsMyUriCommand: CommandDefinition = {
  run: (_command, _db, { connection }) => ({ you: connection.remoteAddress, ok: 1 }),
};

export const connectionStatusCommand: CommandDefinition = {
  run: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
};

export const serverStatusCommand: CommandDefinition = {
  run: (_command, _db, { startedAt, port }) => ({
    host: `${hostname()}:${port}`,
    version: VERSION,
    process: 'embedded-store',
    pid: process.pid,
    uptime: Math.floor((Date.now() - startedAt.getTime()) / 1000),
    uptimeMillis: Date.now() - startedAt.getTime(),
    localTime: new Date(),
    ok: 1,
  }),
};
