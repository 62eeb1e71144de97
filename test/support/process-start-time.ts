import { readFileSync } from 'node:fs';

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat),
 * or undefined when no such process runs. A PID and its start time together name
 * one process: a later process given the same PID has another start time.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[22 - 3];
}

/** Whether this machine has /proc to read start times from (Linux); elsewhere callers fall back to PIDs alone. */
export function canReadStartTimes(): boolean {
  return processStartTime(process.pid) !== undefined;
}
