import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../platform/config/config.js';
import { createSelfSignedIdentity, type SigningIdentity } from './self-signed-certificate.js';

export type { SigningIdentity } from './self-signed-certificate.js';

const KEY_FILE = 'partner-signing-key.pem';
const CERT_FILE = 'partner-signing-cert.pem';

/**
 * The single window's key and certificate for partner exchange. Configured files
 * win; on the embedded default a development pair is generated once into DATA_DIR
 * (in memory when the store itself is in memory). Against a real MongoDB both files
 * must be configured: production keys come from outside.
 */
export async function loadSigningIdentity(config: Config, print: (line: string) => void): Promise<SigningIdentity> {
  if (config.partnerSigningKeyFile || config.partnerSigningCertFile) {
    if (!config.partnerSigningKeyFile || !config.partnerSigningCertFile) {
      throw new Error('PARTNER_SIGNING_KEY_FILE and PARTNER_SIGNING_CERT_FILE must be set together');
    }
    return checked({
      privateKeyPem: await readFile(config.partnerSigningKeyFile, 'utf8'),
      certificatePem: await readFile(config.partnerSigningCertFile, 'utf8'),
    });
  }
  if (config.mongodbUri)
    throw new Error('PARTNER_SIGNING_KEY_FILE and PARTNER_SIGNING_CERT_FILE must be set when MONGODB_URI points at a real MongoDB');
  const subject = {
    country: config.countryCode,
    organisation: `${config.countryCode} National Single Window (development)`,
    commonName: `${config.referencePrefix} partner signing`,
  };
  if (config.storeFsync === 'memory') return createSelfSignedIdentity(subject);

  const keyFile = path.resolve(config.dataDir, KEY_FILE);
  const certFile = path.resolve(config.dataDir, CERT_FILE);
  try {
    return checked({ privateKeyPem: await readFile(keyFile, 'utf8'), certificatePem: await readFile(certFile, 'utf8') });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const identity = createSelfSignedIdentity(subject);
  await mkdir(path.dirname(keyFile), { recursive: true });
  await writeFile(keyFile, identity.privateKeyPem, { mode: 0o600 });
  await writeFile(certFile, identity.certificatePem, { mode: 0o644 });
  print(`Generated a development partner signing key and certificate in ${path.dirname(keyFile)}`);
  return identity;
}

/** Refuses a key that does not belong to the certificate, or an expired certificate, at start-up. */
function checked(identity: SigningIdentity): SigningIdentity {
  const certificate = new X509Certificate(identity.certificatePem);
  if (!certificate.checkPrivateKey(createPrivateKey(identity.privateKeyPem))) {
    throw new Error('the partner signing key does not match its certificate');
  }
  if (new Date(certificate.validTo).getTime() < Date.now())
    throw new Error(`the partner signing certificate expired on ${certificate.validTo}`);
  return identity;
}
