import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'node:net';
import { projectRoot } from '../../src/platform/project-root.js';

const WATCHDOG = path.join(projectRoot, 'test', 'support', 'vhost-watchdog.ts');

/**
 * Makes sure the run's vhost goes away with the run: on SIGINT or SIGTERM it is
 * deleted before the process exits; for SIGKILL, which runs no code, a detached
 * watchdog deletes it once this process is gone. `release()` (after a normal
 * removal) stands both down.
 */
export function guardVhost(vhost: string): { release(): void } {
  const watchdog = spawn(process.execPath, ['--import', 'tsx', WATCHDOG, vhost], {
    cwd: projectRoot,
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  // The pipe is only there to close when this process dies; it must not keep the process alive.
  (watchdog.stdin as Socket).unref();

  const stopWatchdog = () => {
    if (watchdog.exitCode === null && watchdog.pid !== undefined) {
      try {
        process.kill(watchdog.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  };
  let released = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!released) {
      released = true;
      try {
        execFileSync('rabbitmqctl', ['-q', 'delete_vhost', vhost], { stdio: 'ignore' });
        stopWatchdog();
      } catch {
        // The watchdog tries again once this process is gone.
      }
    }
    process.exit(128 + os.constants.signals[signal]);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  return {
    release() {
      released = true;
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      stopWatchdog();
    },
  };
}
