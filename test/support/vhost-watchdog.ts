import { execFile } from 'node:child_process';

/**
 * Started detached by test/support/vhost-guard.ts with its stdin a pipe from the
 * test process. The pipe closes when that process ends, however it ends (SIGKILL
 * included); this then deletes the run's vhost. A run that cleaned up after itself
 * ends this process first.
 *
 *   node --import tsx test/support/vhost-watchdog.ts <vhost>
 */
const vhost = process.argv[2];
if (!vhost?.startsWith('sw-test-')) {
  process.stderr.write('usage: vhost-watchdog.ts <sw-test-... vhost>\n');
  process.exit(2);
}

let done = false;
const removeVhost = () => {
  if (done) return;
  done = true;
  execFile('rabbitmqctl', ['-q', 'delete_vhost', vhost], () => process.exit(0));
};
process.stdin.on('end', removeVhost);
process.stdin.on('close', removeVhost);
process.stdin.on('error', removeVhost);
process.stdin.resume();
