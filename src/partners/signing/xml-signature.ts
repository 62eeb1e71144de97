import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** Why a signature was not accepted; `UNSIGNED` and `BAD_SIGNATURE` are receipt reasons. */
export class SignatureError extends Error {
  constructor(
    readonly reason: 'UNSIGNED' | 'BAD_SIGNATURE',
    message: string,
  ) {
    super(message);
    this.name = 'SignatureError';
  }
}

/**
 * Signs a whole XML document: an enveloped XML-DSig signature (RSA-SHA256,
 * exclusive c14n) whose one reference is the empty URI, appended to the root.
 */
export function signDocument(xml: string, privateKeyPem: string, certificatePem: string): string {
  const signer = new SignedXml({
    privateKey: privateKeyPem,
    publicCert: certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
    getKeyInfoContent: SignedXml.getKeyInfoContent,
  });
  signer.addReference({ xpath: '/*', isEmptyUri: true, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return signer.getSignedXml();
}

/**
 * Verifies a document signed as `signDocument` does against one trusted
 * certificate (never the one the message carries) and returns the canonical XML
 * the signature covers: the whole document without its signature. Callers read
 * only that text, so nothing outside the signed content can be slipped in
 * (signature wrapping). The input must already have passed the untrusted-XML
 * parser (no DOCTYPE, no entities, bounded depth).
 */
export function verifyDocument(xml: string, trustedCertificatePem: string): string {
  const document = new DOMParser({ errorHandler: { warning: () => undefined, error: fail, fatalError: fail } }).parseFromString(
    xml,
    'text/xml',
  );
  const root = document.documentElement;
  if (!root) throw new SignatureError('BAD_SIGNATURE', 'the message has no root element');
  const signatures = document.getElementsByTagNameNS(DSIG_NS, 'Signature');
  if (signatures.length === 0) throw new SignatureError('UNSIGNED', 'the message carries no XML signature');
  if (signatures.length > 1) throw new SignatureError('BAD_SIGNATURE', 'the message carries more than one signature');
  const signature = signatures.item(0)!;
  if (signature.parentNode !== root)
    throw new SignatureError('BAD_SIGNATURE', 'the signature must be a child of the root element (enveloped)');
  checkProfile(signature);

  const verifier = new SignedXml({ publicCert: trustedCertificatePem, getCertFromKeyInfo: () => null });
  verifier.loadSignature(signature);
  let valid: boolean;
  try {
    valid = verifier.checkSignature(xml);
  } catch {
    // xml-crypto explains a mismatch with the whole signature value: the reason is enough.
    valid = false;
  }
  const signed = verifier.getSignedReferences();
  if (!valid || signed.length !== 1)
    throw new SignatureError('BAD_SIGNATURE', 'the signature does not verify against the registered certificate');
  return signed[0]!;
}

/** Only the one shape we sign with is accepted: anything else is refused before any cryptography. */
function checkProfile(signature: Element): void {
  const algorithm = (localName: string) =>
    Array.from(signature.getElementsByTagNameNS(DSIG_NS, localName)).map((element) => element.getAttribute('Algorithm'));
  const references = signature.getElementsByTagNameNS(DSIG_NS, 'Reference');
  const problems: string[] = [];
  if (references.length !== 1 || references.item(0)!.getAttribute('URI') !== '')
    problems.push('exactly one reference to the whole document (URI="") is required');
  if (algorithm('SignatureMethod').join() !== RSA_SHA256) problems.push('the signature method must be RSA-SHA256');
  if (algorithm('CanonicalizationMethod').join() !== EXC_C14N) problems.push('the canonicalisation must be exclusive c14n');
  if (algorithm('DigestMethod').join() !== SHA256) problems.push('the digest must be SHA-256');
  if (algorithm('Transform').join() !== [ENVELOPED, EXC_C14N].join())
    problems.push('the transforms must be enveloped-signature then exclusive c14n');
  if (problems.length > 0) throw new SignatureError('BAD_SIGNATURE', problems.join('; '));
}

function fail(message: string): never {
  throw new SignatureError('BAD_SIGNATURE', `the message is not well-formed XML: ${message}`);
}
