import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEphytoFeature } from '../../src/ephyto/ephyto-feature.js';
import { encodeSpsCertificate } from '../../src/ephyto/sps-certificate-encoder.js';
import { FakeHubInbox } from '../../src/partners/ephyto-hub/fake-hub-inbox.js';
import { HubClient } from '../../src/partners/ephyto-hub/hub-client.js';
import { HubPuller } from '../../src/partners/ephyto-hub/hub-puller.js';
import { projectRoot } from '../../src/platform/project-root.js';
import { startHubSimulator } from '../ephyto-hub/hub-simulator.js';

// Certificates per second through encode + D17A validation, and pulled-and-stored per second from the
// hub simulator, each beside the XSD validation alone measured in the same run.
const ephyto = createEphytoFeature({ xmlMaxDepth: 64, xmlMaxElements: 100_000 });
const data = JSON.parse(
  readFileSync(path.join(projectRoot, 'test/fixtures/partners/canonical/phytosanitary-certificate-nz.json'), 'utf8'),
) as Record<string, unknown>;
const xml = encodeSpsCertificate(data);
const rate = (count: number, started: bigint) => Math.round(count / (Number(process.hrtime.bigint() - started) / 1e9));
const run = (count: number, work: () => void) => {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) work();
  return rate(count, started);
};
ephyto.writer.write(data);
const n = Number(process.env.BENCH_CERTIFICATES ?? 2000);
const validationOnly = run(n, () => ephyto.validator.validate(xml));
const encodeAndValidate = run(n, () => ephyto.writer.write(data));
process.stdout.write(`encode + XSD validation: ${encodeAndValidate} certificates/s (XSD validation alone: ${validationOnly}/s)\n`);

const hub = await startHubSimulator();
const client = await HubClient.connect({ url: hub.url });
const pulls = Number(process.env.BENCH_PULLS ?? 300);
for (let i = 0; i < pulls; i++)
  hub.inject({ From: 'NZ', To: 'VN', CertificateType: 851, CertificateStatus: 70, NPPOCertificateNumber: `NZ-${i}`, Content: xml });
const started = process.hrtime.bigint();
const outcomes = await new HubPuller(client, new FakeHubInbox(), ephyto.reader, 'VN').pullOnce();
process.stdout.write(
  `pulled, read, stored and acknowledged: ${rate(outcomes.length, started)} envelopes/s (XSD validation alone: ${validationOnly}/s)\n`,
);
await hub.stop();
