import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface SigningIdentity {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  certificatePem: string;
}

export interface CertificateSubject {
  country: string;
  organisation: string;
  commonName: string;
}

/**
 * A fresh RSA-2048 key pair and a self-signed X.509 certificate for it, for the
 * development default and for simulated partners. Node generates the key (native,
 * fast); node-forge builds the certificate, which Node's crypto cannot do.
 */
export function createSelfSignedIdentity(subject: CertificateSubject, validDays = 825): SigningIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgePrivate = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const forgePublic = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());

  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forgePublic;
  // A positive serial: the high bit of the first byte must be clear.
  certificate.serialNumber = `0${randomBytes(15).toString('hex')}`;
  const now = new Date();
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now.getTime() + validDays * 86_400_000);
  const attributes = [
    { shortName: 'C', value: subject.country },
    { shortName: 'O', value: subject.organisation },
    { shortName: 'CN', value: subject.commonName },
  ];
  certificate.setSubject(attributes);
  certificate.setIssuer(attributes);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  certificate.sign(forgePrivate, forge.md.sha256.create());
  return { privateKeyPem, certificatePem: forge.pki.certificateToPem(certificate) };
}
