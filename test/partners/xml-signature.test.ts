import { expect } from 'chai';
import { createSelfSignedIdentity } from '../../src/partners/signing/self-signed-certificate.js';
import { SignatureError, signDocument, verifyDocument } from '../../src/partners/signing/xml-signature.js';

const sender = createSelfSignedIdentity({ country: 'TH', organisation: 'Thailand National Single Window', commonName: 'nsw-th gateway' });
const impostor = createSelfSignedIdentity({ country: 'TH', organisation: 'Thailand National Single Window', commonName: 'nsw-th gateway' });

const message =
  '<PartnerMessage xmlns="urn:single-window:partner-exchange:1"><Header><MessageId>TH-2025-000187</MessageId><From>TH</From><To>VN</To></Header>' +
  '<Payload><Note>Canned tuna, 2000 cartons &amp; 4 pallets</Note></Payload></PartnerMessage>';

function refusal(xml: string, certificate = sender.certificatePem): SignatureError {
  try {
    verifyDocument(xml, certificate);
  } catch (error) {
    if (error instanceof SignatureError) return error;
    throw error;
  }
  throw new Error('the document verified');
}

describe('XML signatures (enveloped, RSA-SHA256, exclusive c14n)', () => {
  const signed = signDocument(message, sender.privateKeyPem, sender.certificatePem);

  it('verifies a signed message against the registered certificate and returns exactly the signed content', () => {
    expect(signed).to.contain('<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(verifyDocument(signed, sender.certificatePem)).to.equal(message);
  });

  it('refuses a message whose content was changed after signing', () => {
    expect(refusal(signed.replace('2000 cartons', '20000 cartons')).reason).to.equal('BAD_SIGNATURE');
  });

  it('refuses a message signed by another key, even one carrying a certificate with the same name', () => {
    const forged = signDocument(message, impostor.privateKeyPem, impostor.certificatePem);
    expect(refusal(forged).reason).to.equal('BAD_SIGNATURE');
  });

  it('calls a message without a signature unsigned', () => {
    expect(refusal(message).reason).to.equal('UNSIGNED');
  });

  it('refuses a signature over one element only, the shape signature-wrapping attacks rely on', () => {
    const partial = signed.replace('URI=""', 'URI="#header"');
    expect(refusal(partial).message).to.contain('whole document');
  });

  it('refuses a second signature smuggled into the payload', () => {
    const signature = signed.slice(signed.indexOf('<ds:Signature'), signed.indexOf('</ds:Signature>') + '</ds:Signature>'.length);
    const wrapped = signed.replace('<Payload>', `<Payload>${signature}`);
    expect(refusal(wrapped).message).to.contain('more than one signature');
  });

  it('refuses a weaker signature algorithm before doing any cryptography', () => {
    const weak = signed.replace('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2000/09/xmldsig#rsa-sha1');
    expect(refusal(weak).message).to.contain('RSA-SHA256');
  });
});
