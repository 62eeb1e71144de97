import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/platform/config/config.js';
import { redact } from '../../src/platform/messaging/errors.js';
import { instanceTopology } from './instance-topology.js';
import { recordTopology } from './recorded-topology.js';
import { teardownTopology } from './teardown-topology.js';

const USAGE = `Removes the exchanges and queues a single window instance declares from one vhost.

  npm run broker:teardown -- --vhost <name> [options]

  --vhost <name>           the instance's vhost (required; "/" also needs --allow-default-vhost)
  --allow-default-vhost    allow --vhost / (the broker's default vhost, often shared)
  --partner <CC>           a partner added through the admin API, not in PARTNER_DIRECTORY_FILE (repeatable)
  --discard-messages       delete queues that still hold messages (the messages are lost)
  --dry-run                list what would be deleted, delete nothing

The broker's address and credentials come from AMQP_URL (its vhost is ignored); the names from the
same settings the service reads (RETRY_DELAYS_MS, PARTNER_DIRECTORY_FILE) and the agency registry.
Nothing is deleted while a queue has consumers: stop the instance and its connectors first.`;

/** Exit codes: 0 done, 1 refused or failed, 2 usage. */
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        vhost: { type: 'string' },
        'allow-default-vhost': { type: 'boolean', default: false },
        partner: { type: 'string', multiple: true, default: [] },
        'discard-messages': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const vhost = args.vhost;
  if (!vhost) {
    console.error(`--vhost is required: name the instance's vhost explicitly.\n\n${USAGE}`);
    return 2;
  }
  if (vhost === '/' && !args['allow-default-vhost']) {
    console.error(
      'Refusing to tear down the default vhost "/": other applications often share it. Add --allow-default-vhost if you mean it.',
    );
    return 1;
  }
  const partners = args.partner;
  const badPartner = partners.find((country) => !/^[A-Z]{2}$/.test(country));
  if (badPartner) {
    console.error(`--partner ${badPartner}: must be an ISO 3166 alpha-2 code in capitals`);
    return 2;
  }

  const config = loadConfig();
  const url = new URL(config.amqpUrl);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  const names = await recordTopology(await instanceTopology(config, partners));
  const report = await teardownTopology(url.toString(), names, {
    discardMessages: args['discard-messages'],
    dryRun: args['dry-run'],
    connectTimeoutMs: config.amqpConnectTimeoutMs,
    managementUrl: config.rabbitmqManagementUrl,
  });

  const where = `vhost "${vhost}" at ${redact(url.toString())}`;
  if (report.refused) {
    console.error(`Nothing deleted from ${where}: ${report.refused}`);
    return 1;
  }
  const verb = args['dry-run'] ? 'would delete' : 'deleted';
  for (const name of report.queues) console.log(`${verb} queue ${name}`);
  for (const name of report.exchanges) console.log(`${verb} exchange ${name}`);
  console.log(
    `${args['dry-run'] ? 'Dry run: would remove' : 'Removed'} ${report.queues.length} queues and ${report.exchanges.length} exchanges from ${where}; ${report.absent.length} named objects were not there.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`broker teardown failed: ${error.message}`);
    process.exit(1);
  },
);
