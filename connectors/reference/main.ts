import { jsonLineLogger } from '../sdk/index.js';
import { goodsXmlDecoder } from './goods-xml-decoder.js';
import { loadPolicy } from './load-policy.js';
import { startReferenceConnectors } from './reference-connectors.js';
import { registeredAgencies } from './reference-data.js';

/**
 * `npm run connectors`: a reference connector for every agency of the registry (or
 * those in CONNECTOR_AGENCIES), deciding by CONNECTOR_POLICY (inline JSON or a
 * file; default connectors/reference/default-policy.json), on AMQP_URL.
 */
async function main(): Promise<void> {
  const logger = jsonLineLogger({ component: 'reference-connectors' });
  const registered = registeredAgencies();
  const wanted = (process.env.CONNECTOR_AGENCIES ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  const unknown = wanted.filter((code) => !registered.includes(code));
  if (unknown.length > 0) throw new Error(`CONNECTOR_AGENCIES names unknown agencies: ${unknown.join(', ')}`);
  const agencies = wanted.length > 0 ? wanted : registered;
  const running = await startReferenceConnectors({
    amqpUrl: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    agencies,
    policy: loadPolicy(),
    decodeXml: goodsXmlDecoder(),
    logger,
  });
  logger.info('reference connectors started', { agencies });
  const shutdown = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  process.stderr.write(`reference connectors failed to start: ${error.message}\n`);
  process.exitCode = 1;
});
